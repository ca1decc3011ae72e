// One question from the shared list, asked with @inquirer/prompts.
import type input from '@inquirer/input';
import type select from '@inquirer/select';
import type confirm from '@inquirer/confirm';
import type checkbox from '@inquirer/checkbox';
import type { Answers, Detected } from '../../../../core/model.js';
import { labelOf, type AnyQuestion } from '../../../../questions/list.js';
import type { Io } from '../../../../core/io.js';
import type { Answer } from '../../flow/machine.js';
import { paint } from '../../../../core/style.js';

/** The prompt functions, injected so tests can drive them (see test/ui/plain.test.ts). */
export interface Prompts {
  input: typeof input;
  select: typeof select;
  confirm: typeof confirm;
  checkbox: typeof checkbox;
}

/** The answers so far (`answers`) name the provider, which some labels mention. */
export async function ask(
  q: AnyQuestion,
  initial: Answer | undefined,
  detected: Detected,
  prompts: Prompts,
  io: Io,
  answers: Partial<Answers> = {},
): Promise<Answer> {
  io.out(paint('dim', q.help));
  const label = labelOf(q, answers);
  if (q.kind === 'multiselect') {
    // Multi-select answers are lists of names.
    const picked = Array.isArray(initial) ? initial.filter((v): v is string => typeof v === 'string') : [];
    const value = await prompts.checkbox({
      message: label,
      choices: q.choices(detected).map((c) => ({ value: c.value, name: c.label, description: c.hint, checked: picked.includes(c.value) })),
      validate: (items) => {
        if (items.length === 0) return 'Tick at least one package: Space ticks the one under the cursor, a ticks all.';
        const parsed = q.parse(items.map((i) => i.value).join(','));
        return (parsed.ok ? q.check(parsed.value, detected) : parsed.reason) ?? true;
      },
    });
    return value;
  }
  if (q.kind === 'select') {
    const value = await prompts.select({
      message: label,
      choices: q.choices.map((c) => ({ value: c.value, name: c.label, description: c.hint })),
      default: initial === undefined ? undefined : String(initial),
    });
    return value as Answer;
  }
  if (q.kind === 'confirm') {
    return prompts.confirm({ message: label, default: initial !== false });
  }
  const format = q.format as (v: Answer) => string;
  // The pre-filled answer is a default, not text to edit: typing replaces it (Tab fills it in
  // to edit). An answer whose empty value means something (no environment) is typed as "none".
  const emptyMeans = 'emptyMeans' in q ? q.emptyMeans : undefined;
  const read = (value: string) => (emptyMeans && value.trim().toLowerCase() === 'none' ? '' : value);
  const text = await prompts.input({
    message: `${label}${emptyMeans ? ` (type "none" for ${emptyMeans})` : ''}`,
    default: initial === undefined || format(initial) === '' ? undefined : format(initial),
    prefill: 'tab',
    validate: (value) => {
      const parsed = q.parse(read(value));
      return parsed.ok ? true : parsed.reason;
    },
  });
  const parsed = q.parse(read(text));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}
