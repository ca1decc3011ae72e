// Entry of the bundle. bin/create-trusted-publish.js checks the Node.js version first.
import { main } from './main.js';

// `create-trusted-publish --dry-run | head` closes the pipe early. The run goes on to its end
// (a --yes run still writes all its files or none) with its own exit code; only the output
// nobody reads any more is dropped, instead of a stack trace from an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
