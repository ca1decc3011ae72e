// Preload for profiling: ends the process as soon as $CTP_EXIT_ON appears on stdout, so
// `node --cpu-prof` writes a profile of exactly the start-up up to the first frame
// (a killed process writes no profile). Also records when that happened:
//   CTP_EXIT_ON="Enter continue" CTP_MARK_FILE=/tmp/mark.json \
//     node --cpu-prof --import ./bench/exit-on-marker.mjs bin/create-trusted-publish.js
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const marker = process.env.CTP_EXIT_ON;
const markFile = process.env.CTP_MARK_FILE;
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\x1b[()][0-9A-Za-z]/g;

if (marker) {
  const write = process.stdout.write.bind(process.stdout);
  let seen = '';
  let done = false;
  process.stdout.write = function (chunk, ...rest) {
    const result = write(chunk, ...rest);
    if (!done) {
      seen = (seen + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))).slice(-65536);
      if (seen.replace(ANSI, '').includes(marker)) {
        done = true;
        const at = performance.now();
        if (markFile) {
          const t = performance.nodeTiming;
          writeFileSync(
            markFile,
            JSON.stringify({
              markerMs: at,
              nodeStartMs: t.nodeStart,
              v8StartMs: t.v8Start,
              bootstrapCompleteMs: t.bootstrapComplete,
              loopStartMs: t.loopStart,
            }),
          );
        }
        // After this write has been handed over: exit writes the profile.
        setImmediate(() => process.exit(0));
      }
    }
    return result;
  };
}
