// A local composite action a step uses (`uses: ./.github/actions/setup`): its file, and the
// setup-node steps in it with a `registry-url`, which write an .npmrc for every job that runs the
// action, as the workflow's own setup-node would. Read by doctor and by --migrate alike.
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

type ReadFile = ((path: string) => string | undefined) | undefined;

/** The action's file (action.yml, else action.yaml), path from the repository's top, or undefined. */
export function localActionFile(uses: string, readFile: ReadFile): { path: string; text: string } | undefined {
  if (!readFile || !uses.startsWith('./')) return undefined;
  const dir = uses.slice(2).replace(/\/+$/, '');
  for (const path of [`${dir}/action.yml`, `${dir}/action.yaml`]) {
    const text = readFile(path);
    if (text !== undefined) return { path, text };
  }
  return undefined;
}

export interface LocalRegistryUrl {
  /** The action file. */
  path: string;
  /** 1-based line of the `registry-url:` key in it. */
  line: number;
  registry: string;
  /** setup-node's major version, from `@vN` or a `# vN` comment; undefined when neither says. */
  major: number | undefined;
}

/** Every setup-node step of the local action that sets `registry-url`. */
export function localRegistryUrls(uses: string, readFile: ReadFile): LocalRegistryUrl[] {
  const file = localActionFile(uses, readFile);
  if (!file || !/actions\/setup-node@/i.test(file.text)) return [];
  const lines = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter: lines });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return [];
  const runs = doc.contents.get('runs');
  const steps = isMap(runs) ? runs.get('steps') : undefined;
  if (!isSeq(steps)) return [];
  const found: LocalRegistryUrl[] = [];
  for (const step of steps.items) {
    if (!isMap(step)) continue;
    const usesNode = step.get('uses', true);
    if (!isScalar(usesNode) || !/^actions\/setup-node@/i.test(String(usesNode.value))) continue;
    const withMap = step.get('with');
    const item = isMap(withMap) ? withMap.items.find((i) => isScalar(i.key) && i.key.value === 'registry-url') : undefined;
    if (!item || !isScalar(item.key) || !isScalar(item.value) || item.value.value === null) continue;
    const ref = /@v(\d+)(?:\.|$)/.exec(String(usesNode.value));
    const comment = usesNode.comment ? /^\s*v?(\d+)\b/.exec(usesNode.comment) : null;
    const major = ref ? Number(ref[1]) : comment ? Number(comment[1]) : undefined;
    found.push({ path: file.path, line: lines.linePos(item.key.range?.[0] ?? 0).line, registry: String(item.value.value), major });
  }
  return found;
}
