// The answer being edited on a question screen: its text or choice, the inline error, and
// the parsed draft the preview shows while the user types.
import { useRef, useState } from 'react';
import type { Detected } from '../../../../../core/model.js';
import type { AnyQuestion } from '../../../../../questions/list.js';
import { textState, type TextState } from '../input/text-edit.js';
import type { Answer } from '../../../flow/machine.js';

export interface FieldHandlers {
  /** The parsed value while editing (undefined when it does not parse yet). */
  onDraft(value: Answer | undefined): void;
  onSubmit(value: Answer): void;
}

export function initialText(q: AnyQuestion, value: Answer | undefined): string {
  if (value === undefined) return '';
  return (q.format as (v: Answer) => string)(value);
}

export function useTextField(q: AnyQuestion, value: Answer | undefined, { onDraft, onSubmit }: FieldHandlers) {
  const [text, setText] = useState<TextState>(() => textState(initialText(q, value), true));
  const [error, setError] = useState<string | undefined>();
  // Keys in one chunk run before a re-render: read and write the latest text here.
  const latest = useRef({ text, error });
  const change = (next: TextState) => {
    const parsed = q.parse(next.value);
    // Once an error is shown, it follows the typing: it goes as soon as the value is fine.
    const nextError = latest.current.error === undefined ? undefined : parsed.ok ? undefined : parsed.reason;
    latest.current = { text: next, error: nextError };
    setText(next);
    setError(nextError);
    onDraft(parsed.ok ? parsed.value : undefined);
  };
  const submit = () => {
    const parsed = q.parse(latest.current.text.value);
    if (parsed.ok) return onSubmit(parsed.value);
    latest.current = { ...latest.current, error: parsed.reason };
    setError(parsed.reason);
  };
  return { text, error, change, submit };
}

export function useChoiceField(q: AnyQuestion, value: Answer | undefined, { onDraft, onSubmit }: FieldHandlers) {
  const choices = q.kind === 'select' ? q.choices : [];
  const [index, setIndex] = useState(() => Math.max(0, choices.findIndex((c) => c.value === value)));
  const change = (next: number) => {
    setIndex(next);
    const choice = choices[next];
    if (choice) onDraft(choice.value as Answer);
  };
  const submit = (at: number) => {
    const choice = choices[at];
    if (choice) onSubmit(choice.value as Answer);
  };
  return { choices, index, change, submit };
}

export function useConfirmField(value: Answer | undefined, { onDraft, onSubmit }: FieldHandlers) {
  const [on, setOn] = useState(value !== false);
  const change = (next: boolean) => {
    setOn(next);
    onDraft(next);
  };
  return { value: on, change, submit: (v: boolean) => onSubmit(v) };
}

export function useMultiField(q: AnyQuestion, value: Answer | undefined, detected: Detected, { onDraft, onSubmit }: FieldHandlers) {
  const choices = q.kind === 'multiselect' ? q.choices(detected) : [];
  // Multi-select answers are lists of names.
  const [state, setState] = useState(() => ({ selected: Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [], cursor: 0 }));
  const [error, setError] = useState<string | undefined>();
  const change = (selected: string[], cursor: number) => {
    setState({ selected, cursor });
    setError(undefined);
    onDraft(selected.length > 0 ? selected : undefined);
  };
  const submit = (selected: string[]) => {
    if (q.kind !== 'multiselect') return;
    // Said in the words of this screen, not of the --packages flag.
    if (selected.length === 0) return setError('Tick at least one package: Space ticks the one under the cursor, a ticks all.');
    const parsed = q.parse(selected.join(','));
    const problem = parsed.ok ? q.check(parsed.value, detected) : parsed.reason;
    if (parsed.ok && !problem) return onSubmit(parsed.value);
    setError(problem);
  };
  return { choices, ...state, error, change, submit };
}
