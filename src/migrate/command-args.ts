// Shell commands as the migration rewrites them: a command with its arguments, and those words.

/**
 * `command` (a regular expression source) and its arguments, up to the end of that command
 * (`&&`, `;`, `|`, end of line): group 1 holds the arguments, with their leading spaces.
 */
export const commandWithArgs = (command: string, flags = ''): RegExp => new RegExp(`${command}((?:\\s+(?:"[^"]*"|'[^']*'|[^\\s;&|"']+)+)*)`, flags);

/** The words of an argument string, quotes kept. */
export const argWords = (args: string): string[] => args.match(/(?:"[^"]*"|'[^']*'|[^\s"']+)+/g) ?? [];
