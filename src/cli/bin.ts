// Entry of the bundle. bin/create-trusted-publish.js checks the Node.js version first.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
