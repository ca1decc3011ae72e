// Preflight from package.json and .npmrc: forced provenance, an old Yarn Berry, and
// tokens left in .npmrc (file and line only: a value is never read out).
import type { Detected, Finding, PackageInfo } from '../core/model.js';
import { workspaceScriptsRun } from '../detect/yarn-workspace-scripts.js';

function lineOf(raw: string, needle: string): number | undefined {
  const index = raw.split('\n').findIndex((line) => line.includes(needle));
  return index === -1 ? undefined : index + 1;
}

/** The first Yarn (Berry) whose `yarn npm publish` exchanges the CI's OIDC token. */
export const YARN_OIDC_MIN = '4.10.3';

/** Yarn 1's own `yarn publish`, which has no OIDC exchange; `yarn publish:latest` runs a package.json script instead. */
export const YARN1_PUBLISH = /\byarn\s+publish\b(?![:\w-])/;

/** True for a packageManager field naming Yarn Berry (2 or newer) older than YARN_OIDC_MIN. */
export function berryWithoutOidc(packageManager: string | undefined): boolean {
  const yarn = /^yarn@(\d+)\.(\d+)\.(\d+)/.exec(packageManager ?? '');
  if (!yarn || Number(yarn[1]) < 2) return false;
  const [major, minor, patch] = [Number(yarn[1]), Number(yarn[2]), Number(yarn[3])];
  return major < 4 || (major === 4 && (minor < 10 || (minor === 10 && patch < 3)));
}

function manifestFile(pkg: PackageInfo): string {
  return pkg.dir ? `${pkg.dir}/package.json` : 'package.json';
}

/** A publish Yarn itself does: `yarn npm publish` (alone or across workspaces). */
const YARN_PUBLISHES = /\byarn\b[^#;&|\n]*\bnpm\s+publish\b/;

/** A Changesets publish: Changesets CLI 3 runs `yarn npm publish` under Yarn Berry; CLI 2 runs `npm publish` unless the repository uses pnpm. */
const CHANGESETS_PUBLISHES = /\bchangeset\s+publish\b|\bchangesets\/action@/;

/** True when the declared @changesets/cli range stays below 3 (`^2.25.2`, `~2.26`, `2.27.1`): its `changeset publish` runs npm, not Yarn. */
export const changesetsPublishesWithNpm = (d: Partial<Pick<Detected, 'release'>>): boolean => {
  const cli = d.release?.tools['@changesets/cli'];
  return cli?.major !== undefined && cli.major < 3 && /^[~^=v]?\s*[0-2](?:\.|$)/.test(cli.range.trim());
};

/** True when a workflow, CI file or package.json script of `d` publishes through Yarn. */
export function publishesThroughYarn(d: Pick<Detected, 'workflows' | 'ciFiles' | 'publishContext'> & Partial<Pick<Detected, 'workspacePackages' | 'release'>>): boolean {
  const texts = [...d.workflows.map((w) => w.content), ...d.ciFiles.map((f) => f.content), ...Object.values(d.publishContext?.scripts ?? {})];
  // A workspace script run by `yarn workspace <name> run <script>` (where migrate reads it too).
  const manifest = (name: string) => {
    const pkg = d.workspacePackages?.find((p) => p.name === name);
    return pkg ? { file: pkg.dir ? `${pkg.dir}/package.json` : 'package.json', raw: pkg.raw } : undefined;
  };
  const yarnPublishes = (text: string) => YARN_PUBLISHES.test(text) || (CHANGESETS_PUBLISHES.test(text) && !changesetsPublishesWithNpm(d));
  return [...texts, ...texts.flatMap((text) => workspaceScriptsRun(text, manifest).map((s) => s.text))].some(yarnPublishes);
}

/** `yarnPublishes`: something publishes through Yarn, so an old Yarn Berry is a warning, else a note. */
export function packageJsonFindings(pkg: PackageInfo, yarnPublishes = true): Finding[] {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(pkg.raw) as Record<string, unknown>;
  } catch {
    return [];
  }
  // Release tools too old for OIDC (semantic-release < 25...) are detect's release-tool-outdated.
  const file = manifestFile(pkg);
  const findings: Finding[] = [];
  const publishConfig = data.publishConfig as Record<string, unknown> | undefined;
  if (publishConfig?.provenance === true) {
    findings.push({ id: 'forced-provenance', level: 'info', message: 'publishConfig.provenance forces provenance: trusted publishing adds it by itself for a public repository, and forcing it fails with E422 when the repository is private.', file, line: lineOf(pkg.raw, '"provenance"'), fix: 'Remove publishConfig.provenance unless the repository is public and stays public.' });
  }
  if (berryWithoutOidc(pkg.packageManagerField)) {
    findings.push({ id: 'yarn-berry-old', level: yarnPublishes ? 'warning' : 'info', message: `${pkg.packageManagerField}: \`yarn npm publish\` supports trusted publishing from Yarn ${YARN_OIDC_MIN}${yarnPublishes ? '' : ' (nothing here publishes through Yarn)'}.`, file, line: lineOf(pkg.raw, '"packageManager"'), fix: 'Run `yarn set version stable`, or publish with `npm publish`.' });
  }
  return findings;
}

/** `.npmrc` lines that hand npm a token, beyond the literal tokens detect already reports. */
export function npmrcFindings(d: Detected): Finding[] {
  const literal = new Set(d.findings.filter((f) => f.id === 'npmrc-literal-token').map((f) => `${f.file}:${f.line}`));
  return d.npmrcTokens
    .filter((use) => !literal.has(`${use.file}:${use.line}`))
    .map((use): Finding =>
      use.what === 'always-auth'
        ? { id: 'npmrc-always-auth', level: 'info', message: 'always-auth makes npm send a token with every request; trusted publishing needs none.', file: use.file, line: use.line, fix: 'Remove the line.' }
        : { id: 'npmrc-token', level: 'info', message: 'An _authToken line: npm uses this token whenever its variable is set, and a leftover publish token hides OIDC failures.', file: use.file, line: use.line, fix: 'Keep it only for installing private packages with a read-only token; make sure no publish token reaches it.' },
    );
}

/**
 * Token env in workflows that no audit rule reported: install steps, jobs that do not
 * publish. `reportedStep(file, line)` is true for lines inside a step already reported
 * (one that writes the token to .npmrc).
 */
export function installTokenFindings(d: Detected, reported: readonly Finding[], reportedStep: (file: string, line: number) => boolean = () => false, adminStep: (file: string, line: number) => boolean = () => false): Finding[] {
  const seen = new Set(reported.filter((f) => f.id === 'use-trusted-publishing' || f.id === 'token-check').map((f) => `${f.file}:${f.line}`));
  // A file too large to check: which of its steps publish is not known.
  const unchecked = new Set(reported.filter((f) => f.id === 'workflow-too-large').map((f) => f.file));
  return d.workflows
    .flatMap((w) => w.tokenUses)
    .filter((use) => use.what !== 'always-auth' && !unchecked.has(use.file) && !seen.has(`${use.file}:${use.line}`) && !reportedStep(use.file, use.line))
    .map((use) => {
      const token = `${use.what}${use.secret ? ` from secrets.${use.secret}` : ''}`;
      // npm dist-tag, deprecate, owner, access: the npm CLI exchanges the OIDC token for publish only.
      if (adminStep(use.file, use.line)) {
        return {
          id: 'install-token',
          level: 'info' as const,
          message: `${token} on a step that runs npm dist-tag, deprecate or the like, which trusted publishing does not cover: that step still needs a token with write access to the package.`,
          file: use.file,
          line: use.line,
          fix: 'Keep it on that step only, as a granular token limited to these packages.',
        };
      }
      return {
        id: 'install-token',
        level: 'info' as const,
        message: `${token} on a step that does not publish to npmjs.com: fine for installing private packages with a read-only token.`,
        file: use.file,
        line: use.line,
        fix: 'Make sure it is a read-only token; a publish token here can still publish.',
      };
    });
}
