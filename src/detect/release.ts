// Which release tooling the repository already uses (changesets, release-please,
// semantic-release, staged publishing), so the wizard proposes the same flow, and whether
// the declared tool versions can publish with trusted publishing at all.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  RELEASE_TOOL_MINIMUM,
  type Finding,
  type PackageInfo,
  type ReleaseDetection,
  type ReleaseFlow,
  type ReleaseTool,
  type ToolVersion,
  type WorkflowFile,
} from '../core/model.js';
import { declaredRange } from '../npm/manifest.js';
import { lowestMajor } from '../npm/versions.js';

export const RELEASE_PLEASE_FILES = ['release-please-config.json', '.release-please-manifest.json'] as const;
const SEMANTIC_RELEASE_FILES = ['.releaserc', '.releaserc.json', '.releaserc.yaml', '.releaserc.yml', '.releaserc.js', '.releaserc.cjs', '.releaserc.mjs', 'release.config.js', 'release.config.cjs', 'release.config.mjs'];
const CHANGESETS_FILES = ['.changeset/config.json'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function manifest(pkg: PackageInfo | undefined): Json {
  try {
    const data: unknown = pkg ? JSON.parse(pkg.raw.replace(/^\uFEFF/, '')) : {};
    return isObject(data) ? data : {};
  } catch {
    return {};
  }
}

/** Release tools declared in dependencies or devDependencies, with their ranges. */
export function declaredTools(data: Json): Partial<Record<ReleaseTool, ToolVersion>> {
  const tools: Partial<Record<ReleaseTool, ToolVersion>> = {};
  for (const name of Object.keys(RELEASE_TOOL_MINIMUM) as ReleaseTool[]) {
    const range = declaredRange(data, name);
    if (range === undefined) continue;
    const major = lowestMajor(range);
    tools[name] = major === undefined ? { range } : { range, major };
  }
  return tools;
}

function present(dirs: string[], files: readonly string[]): string[] {
  return files.filter((file) => dirs.some((dir) => existsSync(join(dir, file))));
}

/** Clues from the workflows already in the repository: the strongest sign of the flow in use. */
function workflowClues(workflows: WorkflowFile[]): [ReleaseFlow, string][] {
  const clues: [ReleaseFlow, string][] = [];
  for (const w of workflows) {
    if (/^\s*-?\s*uses:\s*['"]?changesets\/action\b/m.test(w.content)) clues.push(['changesets', `${w.path} uses changesets/action`]);
    if (/release-please-action\b/.test(w.content)) clues.push(['release-please', `${w.path} uses release-please-action`]);
    if (/\bsemantic-release\b/.test(w.content)) clues.push(['semantic-release', `${w.path} runs semantic-release`]);
    if (/\bnpm\s+stage\s+publish\b/.test(w.content)) clues.push(['staged', `${w.path} runs npm stage publish`]);
  }
  return clues;
}

export interface ReleaseDetectionResult {
  release: ReleaseDetection;
  findings: Finding[];
}

/** `root`: the target directory; `top`: the git top level (config files live in either). */
export function detectRelease(root: string, top: string, pkg: PackageInfo | undefined, workflows: WorkflowFile[]): ReleaseDetectionResult {
  const data = manifest(pkg);
  const dirs = root === top ? [root] : [root, top];
  const releasePleaseFiles = present(dirs, RELEASE_PLEASE_FILES);
  const semanticFiles = present(dirs, SEMANTIC_RELEASE_FILES);
  const changesetFiles = present(dirs, CHANGESETS_FILES);
  const tools = declaredTools(data);
  const clues: [ReleaseFlow, string][] = workflowClues(workflows);
  for (const file of releasePleaseFiles) clues.push(['release-please', `${file} exists`]);
  for (const file of changesetFiles) clues.push(['changesets', `${file} exists`]);
  for (const file of semanticFiles) clues.push(['semantic-release', `${file} exists`]);
  if (isObject(data.release)) clues.push(['semantic-release', 'package.json has a "release" section']);
  if (tools['@changesets/cli']) clues.push(['changesets', '@changesets/cli is a dependency']);
  if (tools['semantic-release']) clues.push(['semantic-release', 'semantic-release is a dependency']);

  // The first clue wins: workflows come first, as they show what actually publishes today.
  const flow = clues[0]?.[0];
  const release: ReleaseDetection = {
    ...(flow ? { flow } : {}),
    evidence: clues.map(([, why]) => why),
    tools,
    releasePleaseFiles,
  };
  return { release, findings: [...toolFindings(tools, changesetsActionV2(workflows))] };
}

/**
 * True when a workflow uses changesets/action at v2 or later (a `v2` ref, or a commit whose
 * `# v2.x` comment says so): only v2 of the action refuses Changesets CLI v2. Its v1 line, a
 * `changeset publish` run without the action, and a reference whose major cannot be read
 * (a bare commit, a branch) publish with trusted publishing on CLI v2. With no publishing
 * workflow yet (none seen publishing and none granting `id-token: write`), the one this tool
 * writes uses v2.
 */
export function changesetsActionV2(workflows: readonly WorkflowFile[]): boolean {
  // With no workflow seen publishing, one that already grants an OIDC token (a migrated one whose
  // publish runs out of sight) is the release workflow; only with none is this tool's own assumed.
  const judged = workflows.some((w) => w.publishes) ? workflows : workflows.filter((w) => /^[ \t]*id-token:[ \t]*['"]?write\b/m.test(w.content));
  if (judged.length === 0) return true;
  return judged.some((w) =>
    [...w.content.matchAll(/^[ \t]*-?[ \t]*uses:[ \t]*['"]?changesets\/action(?:\/[\w-]+)?@([\w.-]+)['"]?(?:[ \t]+#[ \t]*v?(\d+))?/gm)].some(([, ref, comment]) => {
      const major = /^[0-9a-f]{40}$/.test(ref!) ? comment : /^v?(\d+)/.exec(ref!)?.[1];
      return major !== undefined && Number(major) >= 2;
    }),
  );
}

/** A warning for each declared release tool too old to publish with trusted publishing. */
export function toolFindings(tools: Partial<Record<ReleaseTool, ToolVersion>>, changesetsV2 = true): Finding[] {
  const findings: Finding[] = [];
  for (const name of Object.keys(RELEASE_TOOL_MINIMUM) as ReleaseTool[]) {
    const tool = tools[name];
    const minimum = RELEASE_TOOL_MINIMUM[name];
    if (tool?.major === undefined || tool.major >= minimum) continue;
    if (name === '@changesets/cli' && !changesetsV2) continue;
    findings.push({
      id: 'release-tool-outdated',
      level: 'warning',
      message:
        name === '@changesets/cli'
          ? `${name} ${tool.range} is older than ${minimum}: changesets/action v2, which publishes with trusted publishing, refuses Changesets CLI v2.`
          : `${name} ${tool.range} is older than ${minimum}: it cannot publish with trusted publishing (ENONPMTOKEN).`,
      file: 'package.json',
      fix: `Upgrade ${name} to ^${minimum} (in devDependencies) before the first release with the new workflow.`,
    });
  }
  return findings;
}
