// Every command line the product prints goes through here, so a value pasted into a shell is
// one word whatever it holds (`$(...)`, quotes, spaces). Nothing runs through a shell.

/** `word` quoted for a POSIX shell when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The words joined into one command line, each quoted as needed. */
export function shellCommand(...words: readonly string[]): string {
  return words.map(shellWord).join(' ');
}
