// `yarn workspace <name> run <script>` (or `yarn workspace <name> <script>`): the script of that
// workspace's package.json a line runs. Doctor and migrate read it the same way, to see a
// `yarn npm publish` the workspace's script does.

/** Group 1 the workspace name, group 2 the script (`npm` and `pack` are Yarn's own commands). */
const YARN_WORKSPACE_SCRIPT = /\byarn\s+workspace\s+((?:@[\w.~-]+\/)?[\w.~-]+)\s+(?:run\s+)?([\w:.-]+)/g;

export interface WorkspaceScript {
  name: string;
  script: string;
  /** The workspace's package.json, from the top. */
  file: string;
  /** The script's text. */
  text: string;
}

/**
 * The workspace scripts `text` runs through `yarn workspace`. `manifest` gives a workspace's
 * package.json (path from the top and its text) by name, or undefined when none has that name.
 */
export function workspaceScriptsRun(text: string, manifest: (name: string) => { file: string; raw: string } | undefined): WorkspaceScript[] {
  const found: WorkspaceScript[] = [];
  for (const [, name, script] of text.matchAll(YARN_WORKSPACE_SCRIPT)) {
    if (script === 'npm' || script === 'pack') continue;
    const pkg = manifest(name!);
    if (!pkg) continue;
    try {
      const scripts = (JSON.parse(pkg.raw) as { scripts?: Record<string, unknown> } | null)?.scripts;
      const body = scripts?.[script!];
      if (typeof body === 'string') found.push({ name: name!, script: script!, file: pkg.file, text: body });
    } catch {
      // Not JSON: nothing to read there.
    }
  }
  return found;
}
