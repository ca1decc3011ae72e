// What the live preview shows for each question: the file as it will be written, scrolled
// to the lines the question changes, with those lines marked.
import type { Answers, FileChange, Plan } from '../../../../core/model.js';
import { unifiedDiff } from '../../../../apply/diff.js';
import { clampOffset } from './input/list-nav.js';
import { safeOutput } from '../../../../text/output.js';

export interface PreviewLine {
  text: string;
  /** True for the lines the current question changes. */
  mark: boolean;
}

export interface Preview {
  title: string;
  lines: PreviewLine[];
  /** The first marked line, which the window keeps in view. */
  focus: number;
}

/** Where each answer shows up in the workflow: a line pattern, and how far the block runs. */
// The first pattern that matches anywhere wins.
const ANCHORS: Partial<Record<keyof Answers, { re: RegExp[]; block?: boolean }>> = {
  repo: { re: [/github\.repository ==/] },
  trigger: { re: [/^on:/], block: true },
  release: { re: [/^on:/], block: true },
  packages: { re: [/working-directory:/, /publish/] },
  // Without an environment, the line it would take: right below runs-on.
  environment: { re: [/^\s+environment:/, /^\s+runs-on:/] },
  // GitHub's setup-node, else the GitLab or CircleCI image.
  node: { re: [/node-version:/, /^\s+(- )?image:/] },
  packageManager: { re: [/^\s+- run: (npm|pnpm|yarn|bun) (ci|install)|pnpm\/action-setup|setup-bun/, /^\s+(- |command: )(npm ci|pnpm install|yarn install|bun install)/] },
  gitlabProject: { re: [/CI_PROJECT_PATH ==/] },
  ciFile: { re: [/the CI file/] },
  circleciOrgId: { re: [/must name organization/] },
  circleciProjectId: { re: [/^\s*# project /] },
  circleciPipelineId: { re: [/pipeline definition/] },
  vcsOrigin: { re: [/VCS origin/] },
  circleciContexts: { re: [/^\s+context:/, /^\s+filters:/] },
};

function marked(text: string, id: keyof Answers | undefined): PreviewLine[] {
  // The repository's own text (a CI file the job is merged into) goes through the output filter.
  const lines = text.replace(/\n$/, '').split('\n').map((line) => safeOutput(line));
  const anchor = id ? ANCHORS[id] : undefined;
  const out = lines.map((line) => ({ text: line, mark: false }));
  const re = anchor?.re.find((r) => lines.some((line) => r.test(line)));
  if (!anchor || !re) return out;
  for (let i = 0; i < out.length; i++) {
    const line = out[i]!;
    if (!re.test(line.text)) continue;
    line.mark = true;
    if (anchor.block) for (let j = i + 1; j < out.length && out[j]!.text.trim() !== ''; j++) out[j]!.mark = true;
  }
  return out;
}

function diffLines(change: FileChange): PreviewLine[] {
  return unifiedDiff(change.before ?? '', change.after, change.path)
    .replace(/\n$/, '')
    .split('\n')
    .map((text) => ({ text: safeOutput(text), mark: text.startsWith('+') && !text.startsWith('+++') }));
}

export function previewFor(plan: Plan, id: keyof Answers | undefined): Preview {
  if (id === 'fixRepository') {
    const manifest = plan.changes.find((c) => c.path.endsWith('package.json'));
    if (manifest && manifest.kind !== 'unchanged') {
      const lines = diffLines(manifest);
      return { title: manifest.path, lines, focus: Math.max(0, lines.findIndex((l) => l.mark)) };
    }
    const slug = `${plan.repo.owner}/${plan.repo.name}`;
    const lines = [`"repository" stays as it is.`, `npm will refuse the publish (E422)`, `until it names ${slug}.`];
    return { title: 'package.json (unchanged)', lines: lines.map((text) => ({ text, mark: true })), focus: 0 };
  }
  // The workflow or CI file; a job that cannot be merged shows as the text to paste.
  const file = plan.changes.find((c) => !c.path.endsWith('package.json'));
  const manual = plan.manual[0];
  const shown = file ? { title: file.path, text: file.after } : manual ? { title: `${manual.path} (to paste by hand)`, text: manual.snippet } : undefined;
  if (!shown) return { title: '', lines: [], focus: 0 };
  const lines = marked(shown.text, id);
  return { title: shown.title, lines, focus: Math.max(0, lines.findIndex((l) => l.mark)) };
}

/** The slice of lines a window of `height` rows shows, keeping the focus near its top. */
export function previewWindow(preview: Preview, height: number): { start: number; lines: PreviewLine[] } {
  const start = clampOffset(preview.focus - 2, preview.lines.length, height);
  return { start, lines: preview.lines.slice(start, start + height) };
}
