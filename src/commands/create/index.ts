// The default command (no command name): its flags, --help and --version, then the run (./start.ts).
import { inFlagWords, parseOptions, HELP } from './args.js';
import { startCreate } from './start.js';
import { EXIT } from '../../core/errors.js';
import type { Io } from '../../core/io.js';
import { VERSION } from '../../core/version.js';

export async function runCreate(argv: readonly string[], io: Io): Promise<number> {
  const options = parseOptions(argv);
  if (options.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (options.version) {
    io.out(VERSION);
    return EXIT.ok;
  }
  try {
    return await startCreate(options, io);
  } catch (error) {
    throw inFlagWords(error);
  }
}
