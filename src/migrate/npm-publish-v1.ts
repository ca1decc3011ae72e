// JS-DevTools/npm-publish@v1 pinned at v4 (the OIDC release) crosses two changes, read at the
// action's tags v1.4.3 (0f451a94), v2.0.0 (0be441d8) and v4.1.5 (0fd2f436): v1 ran `npm publish`
// in the package's folder with its lifecycle scripts (src/npm.ts); from v2.0.0 every npm call
// gets --ignore-scripts, an `ignore-scripts` input (true unless false) since v2.2.0
// (src/npm/call-npm-cli.ts). And v1's `type` output was "none" when nothing was published; from
// v2 it is empty (v2.0.0 README, "v2 Migration Guide"). Both are carried over before the pin.
import { isScalar, type Document, type YAMLMap } from 'yaml';
import { cleanFolder } from '../detect/publish-folders.js';
import type { JobView } from './jobs.js';
import { insertAfter, mapOf, nodeOf, setScalar, textOf } from './nodes.js';
import { choosePin } from './pins.js';

/** The scripts `npm publish` runs itself (npm 7 and later; `prepublish` no longer does). */
const ON_PUBLISH = ['prepublishOnly', 'prepack', 'prepare', 'postpack', 'publish', 'postpublish'];

/** The lifecycle scripts of the package the step publishes; undefined when its package.json cannot be read. */
function publishScripts(step: YAMLMap, readFile: ((path: string) => string | undefined) | undefined): string[] | undefined {
  const given = textOf(mapOf(step, 'with'), 'package') ?? '';
  if (given.includes('${{')) return undefined;
  const dir = cleanFolder(given.replace(/(?:^|\/)package\.json$/, '') || '.');
  try {
    const scripts = (JSON.parse(readFile?.(dir ? `${dir}/package.json` : 'package.json') ?? '') as { scripts?: Record<string, unknown> }).scripts ?? {};
    return ON_PUBLISH.filter((name) => typeof scripts[name] === 'string');
  } catch {
    return undefined;
  }
}

export function fromNpmPublishV1(doc: Document, jobs: readonly JobView[], notes: string[], readFile?: (path: string) => string | undefined): void {
  for (const job of jobs) {
    for (const step of job.steps) {
      const uses = textOf(step, 'uses') ?? '';
      if (!/^js-devtools\/npm-publish@v?1(?:\.\d+){0,2}$/i.test(uses)) continue;
      const choice = choosePin(uses);
      if (!choice || !('pin' in choice) || /^v?1\./.test(choice.pin.version)) continue;
      const withMap = mapOf(step, 'with');
      // A tarball is published as it is: npm runs no script of it.
      const scripts = /\.tgz$/.test(textOf(withMap, 'package') ?? '') ? [] : publishScripts(step, readFile);
      if (scripts === undefined || scripts.length > 0) {
        if (withMap) setScalar(doc, withMap, 'ignore-scripts', false);
        else insertAfter(doc, step, 'with', { 'ignore-scripts': false }, ['uses']);
        const what = scripts ? `its package's ${scripts.join(', ')}` : 'the lifecycle scripts of a package it cannot read here';
        notes.push(`job "${job.id}": JS-DevTools/npm-publish keeps running ${what} (ignore-scripts: false; from v2 it publishes with --ignore-scripts)`);
      }
      const id = textOf(step, 'id');
      if (id === undefined) continue;
      const type = `steps\\.${id.replace(/[^\w-]/g, '\\$&')}\\.outputs\\.type`;
      const none = new RegExp(`(${type}\\s*[!=]=\\s*)'none'|'none'(\\s*[!=]=\\s*${type})\\b`, 'gi');
      for (const other of job.steps) {
        const node = nodeOf(other, 'if');
        if (!isScalar(node) || typeof node.value !== 'string') continue;
        const value = node.value.replace(none, (_, before: string | undefined, after: string | undefined) => (before !== undefined ? `${before}''` : `''${after}`));
        if (value === node.value) continue;
        node.value = value;
        notes.push(`job "${job.id}": steps.${id}.outputs.type compared with '' instead of 'none' (from v2 the action leaves it empty when nothing is published)`);
      }
    }
  }
}
