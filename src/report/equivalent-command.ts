// The run the user just made, as one command that needs no terminal (as sv prints it): the
// answers that differ from what --yes would take, as flags.
import type { Answers, Detected } from '../core/model.js';
import { QUESTIONS, questionApplies, type AnyQuestion } from '../questions/list.js';
import { resolveDefaults } from '../questions/resolve.js';
import { shellWord } from '../text/shell.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function flagsFor(q: AnyQuestion, value: Answers[keyof Answers]): string[] {
  if (q.id === 'environment' && value === null) return ['--no-environment'];
  if (q.id === 'fixRepository') return value === false ? ['--no-fix-repository'] : [];
  const text = q.id === 'packages' && Array.isArray(value) ? value.join(',') : (q.format as (v: unknown) => string)(value);
  return text === '' ? [] : [`--${q.flag}`, shellWord(text)];
}

export function equivalentCommand(d: Detected, answers: Partial<Answers>): string {
  let defaults: Partial<Answers> = {};
  try {
    defaults = resolveDefaults(d, {});
  } catch {
    // Some answers have no default (CircleCI's IDs): then every answer is a flag.
  }
  const flags = QUESTIONS.flatMap((q) => {
    const value = answers[q.id];
    // Another provider's questions keep defaults that mean nothing here.
    return value === undefined || !questionApplies(q, answers) || same(value, defaults[q.id]) ? [] : flagsFor(q, value);
  });
  return ['npm create trusted-publish -- --yes', ...flags].join(' ');
}

/** Where the documentation lives. */
export const DOCS_URL = 'https://github.com/create-trusted-publish/create-trusted-publish#readme';
