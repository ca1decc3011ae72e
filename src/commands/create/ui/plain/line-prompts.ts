// Prompts for a dumb terminal (TERM=dumb: no cursor movement, no clearing): each question is
// printed, then one line is read with the terminal's own line editing. Same shape as the
// @inquirer/prompts functions the plain front-end calls (see ask.ts), so the flow is shared.
// Esc (typed before Enter) quits, as in the full-screen wizard.
import { createInterface } from 'node:readline/promises';
import { CancelledError } from '../../../../core/errors.js';
import type { Prompts } from './ask.js';

type Validate<T> = (value: T) => boolean | string | Promise<boolean | string>;

/** Markers a dumb terminal may not have glyphs for, in ASCII. */
const ASCII: [RegExp, string][] = [
  [/✔/g, 'ok'],
  [/✖/g, 'x'],
  [/→/g, '->'],
  [/←/g, '<-'],
  [/↑/g, '^'],
  [/☐/g, '[ ]'],
  [/·/g, '-'],
  [/…/g, '...'],
  [/›/g, '>'],
  [/—/g, '-'],
];

export function toAscii(text: string): string {
  return ASCII.reduce((t, [re, ascii]) => t.replace(re, ascii), text);
}

export function linePrompts(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Prompts {
  const write = (text: string) => output.write(toAscii(text));
  // One reader for the whole run: lines typed ahead wait in it for their question.
  let lines: AsyncIterator<string> | undefined;
  async function line(question: string): Promise<string> {
    lines ??= createInterface({ input, terminal: false })[Symbol.asyncIterator]();
    write(question);
    const next = await lines.next();
    // End of input, or Esc typed on the line: leave as Esc does everywhere.
    if (next.done || next.value.includes('\x1b')) throw new CancelledError();
    return next.value.trim();
  }
  async function until<T>(question: string, read: (answer: string) => T | undefined, validate?: Validate<T>, hint = ''): Promise<T> {
    for (;;) {
      const value = read(await line(question));
      if (value === undefined) {
        write(`  ${hint}\n`);
        continue;
      }
      const verdict = validate ? await validate(value) : true;
      if (verdict === true) return value;
      write(`  x ${typeof verdict === 'string' ? verdict : 'Not valid.'}\n`);
    }
  }
  const list = (choices: readonly { name?: string; value: unknown; description?: string }[], mark: (i: number) => string) =>
    write(choices.map((c, i) => `  ${i + 1}) ${mark(i)}${c.name ?? String(c.value)}${c.description ? ` - ${c.description}` : ''}\n`).join(''));

  const input_: Prompts['input'] = ((config: { message: string; default?: string; validate?: Validate<string> }) =>
    until(`${config.message}${config.default ? ` [${config.default}]` : ''}: `, (a) => (a === '' ? (config.default ?? '') : a), config.validate)) as never;

  const confirm: Prompts['confirm'] = ((config: { message: string; default?: boolean }) =>
    until(
      `${config.message} ${config.default === false ? '[y/N]' : '[Y/n]'}: `,
      (a) => (a === '' ? config.default !== false : /^y(es)?$/i.test(a) ? true : /^no?$/i.test(a) ? false : undefined),
      undefined,
      'Answer y or n.',
    )) as never;

  const select: Prompts['select'] = ((config: { message: string; choices: { name?: string; value: unknown; description?: string }[]; default?: unknown }) => {
    const at = Math.max(0, config.choices.findIndex((c) => c.value === config.default));
    write(`${config.message}\n`);
    list(config.choices, () => '');
    return until(
      `Choose 1-${config.choices.length} [${at + 1}]: `,
      (a) => (a === '' ? config.choices[at]!.value : config.choices[Number(a) - 1]?.value),
      undefined,
      `Type a number from 1 to ${config.choices.length}.`,
    );
  }) as never;

  const checkbox: Prompts['checkbox'] = ((config: {
    message: string;
    choices: { name?: string; value: unknown; description?: string; checked?: boolean }[];
    validate?: Validate<readonly { value: unknown }[]>;
  }) => {
    const ticked = config.choices.flatMap((c, i) => (c.checked ? [i + 1] : []));
    write(`${config.message}\n`);
    list(config.choices, (i) => (config.choices[i]!.checked ? '[x] ' : '[ ] '));
    const pick = (a: string) => {
      const numbers = a === '' ? ticked : a.split(/[\s,]+/).map(Number);
      if (numbers.some((n) => !Number.isInteger(n) || n < 1 || n > config.choices.length)) return undefined;
      return [...new Set(numbers)].sort((x, y) => x - y).map((n) => config.choices[n - 1]!);
    };
    return until(
      `Numbers, separated by commas [${ticked.join(',') || 'none'}]: `,
      pick,
      config.validate ? (items) => config.validate!(items) : undefined,
      `Type numbers from 1 to ${config.choices.length}, e.g. 1,2.`,
    ).then((items) => items.map((c) => c.value));
  }) as never;

  return { input: input_, select, confirm, checkbox };
}
