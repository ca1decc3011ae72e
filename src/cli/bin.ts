// Entry of the bundle. bin/create-trusted-publish.js checks the Node.js version first.
import { main } from './main.js';
import { safeOutput } from '../text/output.js';

// `create-trusted-publish --dry-run | head` closes the pipe early. The run goes on to its end
// (a --yes run still writes all its files or none) with its own exit code; only the output
// nobody reads any more is dropped, instead of a stack trace from an unhandled EPIPE.
// Any other failure to write the output (`> /dev/full`: ENOSPC, EIO) is said once on stderr,
// and the run exits 1: a script must not read lost output as success.
let lostOutput: string | undefined;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED' || lostOutput) return;
    lostOutput = error.code ?? 'error';
    if (stream === process.stdout && process.stderr.writable) {
      process.stderr.write(`create-trusted-publish: could not write the output (${lostOutput}).\n`);
    }
  });
}

// The bundled YAML parser reports a warning (an unknown tag such as `!!js/function` in a
// user's file) with console.warn(error), which prints its stack. One line instead.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  const [first] = args;
  if (args.length === 1 && first instanceof Error) {
    // The message can quote the file (a tag name): through the output filter like everything else.
    process.stderr.write(`${safeOutput(`${first.name}: ${first.message.split('\n')[0]}`)}\n`);
    return;
  }
  warn(...args);
};

/** Resolves once what was written to `stream` is out (pipes are asynchronous on macOS and Windows). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

const code = await main(process.argv.slice(2));
// Every step has finished (files written, browser started, prompts closed); what is left is
// Node's teardown, which also waits for V8 to finish optimizing hot code on a background
// thread: leaving now skips that wait. 'exit' handlers still run.
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(lostOutput && code === 0 ? 1 : code);
