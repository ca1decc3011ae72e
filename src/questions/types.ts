// The shapes of a question. Every front-end (flags, Ink wizard, plain prompts) reads these;
// a new kind here needs a way to be asked in each of them.
import type { Answers, Detected } from '../core/model.js';
import type { Parsed } from '../validate/parsed.js';

export { fail, ok, type Parsed } from '../validate/parsed.js';

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

export interface QuestionBase<K extends keyof Answers> {
  id: K;
  /** The long flag that answers it, without dashes. */
  flag: string;
  label: string;
  /** One line: why the answer matters. */
  help: string;
  /** The default, computed from what was detected; undefined when nothing sensible exists. */
  defaultValue(d: Detected): Answers[K] | undefined;
  /** True when detection is certain, so the wizard does not ask. */
  certain(d: Detected): boolean;
  /**
   * False when earlier answers make this one irrelevant (e.g. the trigger when a release
   * tool decides when to publish): the wizard skips it and the default is kept.
   */
  applies?(answers: Partial<Answers>): boolean;
  /**
   * True when the answer may be absent: a question of one CI provider (the GitLab project, the
   * CircleCI IDs) is left out of the answers of the others instead of taking its default.
   */
  optional?: true;
  /** The label for these answers when it differs by provider (e.g. "GitLab environment"). */
  labelFor?(answers: Partial<Answers>): string;
  /** Where to find the value when it cannot be detected, for the error that asks for the flag. */
  whereToFind?: string;
  parse(input: string): Parsed<Answers[K]>;
  format(value: Answers[K]): string;
}

export interface TextQuestion<K extends keyof Answers> extends QuestionBase<K> {
  kind: 'text';
  /** Shown when the answer is empty and empty means something (e.g. "none"). */
  emptyMeans?: string;
}
export interface SelectQuestion<K extends keyof Answers> extends QuestionBase<K> {
  kind: 'select';
  choices: readonly Choice[];
}
export interface ConfirmQuestion<K extends keyof Answers> extends QuestionBase<K> {
  kind: 'confirm';
}
/**
 * Several values from a list that depends on the repository (e.g. the packages of a
 * monorepo). `parse`/`format` read and write a comma-separated list, so a front-end
 * without a checkbox list can still ask it as text.
 */
export interface MultiSelectQuestion<K extends keyof Answers> extends QuestionBase<K> {
  kind: 'multiselect';
  choices(d: Detected): Choice[];
  /** Checks a parsed answer against the repository (e.g. unknown names); an error message or undefined. */
  check(value: Answers[K], d: Detected): string | undefined;
}
export type Question<K extends keyof Answers = keyof Answers> =
  | TextQuestion<K>
  | SelectQuestion<K>
  | ConfirmQuestion<K>
  | MultiSelectQuestion<K>;
