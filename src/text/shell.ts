// Every command line the product prints goes through here, so a value pasted into a shell is
// one word whatever it holds (`$(...)`, quotes, spaces). Nothing runs through a shell. Command
// lines read from CI files are split into words here too.

/** `word` quoted for a POSIX shell when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The words joined into one command line, each quoted as needed. */
export function shellCommand(...words: readonly string[]): string {
  return words.map(shellWord).join(' ');
}

/** Shell words of one command line (quotes removed; no expansion). */
export function shellWords(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}
