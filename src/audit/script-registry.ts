// A release script of the repository that names a proxy in front of npmjs.com itself
// (`pnpm publish --registry https://wombat-dressing-room.appspot.com`): npm publishes there whatever
// the workflow's setup-node says, and trusted publishing exists only on registry.npmjs.org. Doctor
// names the line; --migrate refuses on it (with or without --switch-registry), as it does not edit
// what a script publishes to.
import { registryIn, registryKind } from './publish-rule.js';
import { scriptText, shellCode, type ScriptFile } from './script-files.js';

export interface ScriptProxy {
  path: string;
  /** 1-based. */
  line: number;
  registry: string;
}

/** The lines of the given repository scripts that name a proxy registry (comments skipped). */
export function scriptProxies(files: readonly ScriptFile[], readFile: ((path: string, maxBytes?: number) => string | undefined) | undefined): ScriptProxy[] {
  const found: ScriptProxy[] = [];
  for (const file of files) {
    const text = scriptText(file.path, readFile);
    if (text === undefined) continue;
    text.split('\n').forEach((line, index) => {
      const code = file.shell ? shellCode(line) : line.replace(/^\s*(?:\/\/|#).*$/, '');
      const registry = registryIn(code);
      if (registry !== undefined && registryKind(registry) === 'proxy') found.push({ path: file.path, line: index + 1, registry });
    });
  }
  return found;
}
