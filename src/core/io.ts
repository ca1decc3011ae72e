// Where a command writes: stdout and stderr, through the output filter (src/cli/main.ts).
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}
