// A publish step whose release script names a proxy in front of npmjs.com itself (`--registry
// https://wombat-dressing-room.appspot.com`): with or without --switch-registry the script would
// still publish there, where trusted publishing does not exist, so the migration stops and names
// the line (the script is not edited: what it publishes to is the maintainers' choice).
import { scriptProxies } from '../audit/script-registry.js';
import { MigrateError } from './errors.js';
import { publishSteps, type JobView } from './jobs.js';
import { textOf } from './nodes.js';
import { stepScriptFiles } from './scripts.js';

type ReadFile = ((path: string) => string | undefined) | undefined;

export function checkScriptProxies(job: JobView, readFile: ReadFile, dirOf: (step: JobView['steps'][number]) => string): void {
  for (const step of publishSteps(job)) {
    const found = scriptProxies(stepScriptFiles(textOf(step, 'run') ?? '', readFile, dirOf(step)), readFile);
    if (found.length === 0) continue;
    const where = found.map((f) => `${f.registry} (${f.path}:${f.line})`).join(', ');
    // One line of at most 400 characters: longer lines are clipped when printed.
    throw new MigrateError(`job "${job.id}" runs a script that publishes through ${where}, a proxy in front of npmjs.com (Wombat Dressing Room or the like): trusted publishing only works against registry.npmjs.org. Remove --registry from the script, then migrate again.`);
  }
}
