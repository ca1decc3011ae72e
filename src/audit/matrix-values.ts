// A `${{ matrix.X }}` in a folder (a step's working-directory, the folder a publish names) stands for
// each literal value the job's own `strategy.matrix` gives X: its list and its `include` entries.
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';

const value = (map: YAMLMap | undefined, key: string): unknown => map?.get(key, true);
const mapAt = (map: YAMLMap | undefined, key: string): YAMLMap | undefined => {
  const node = value(map, key);
  return isMap(node) ? node : undefined;
};

const scalars = (node: unknown): string[] | undefined => {
  if (isScalar(node) && node.value !== null) return [String(node.value)];
  if (isSeq(node) && node.items.every(isScalar)) return node.items.map((item) => String((item as { value: unknown }).value));
  return undefined;
};

/** Every value `matrix.<key>` takes in a job (its list and its `include` entries); undefined when one is not literal. */
function matrixValues(job: YAMLMap, key: string): string[] | undefined {
  const matrix = mapAt(mapAt(job, 'strategy'), 'matrix');
  if (!matrix) return undefined;
  const listed = value(matrix, key);
  const out = listed === undefined ? [] : scalars(listed);
  if (out === undefined) return undefined;
  const include = value(matrix, 'include');
  for (const entry of isSeq(include) ? include.items : []) {
    if (!isMap(entry)) return undefined;
    const found = value(entry as YAMLMap, key);
    if (found === undefined) continue;
    const more = scalars(found);
    if (more === undefined || more.length !== 1) return undefined;
    out.push(...more);
  }
  return out.length === 0 || out.some((v) => v.includes('${{')) ? undefined : out;
}

/** `dir` with each `${{ matrix.X }}` replaced by each of its values; undefined when another expression is in it. */
export function expandMatrix(dir: string, job: YAMLMap): string[] | undefined {
  const keys = [...dir.matchAll(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g)].map((m) => m[1]!);
  if (keys.length === 0) return dir.includes('${{') ? undefined : [dir];
  if (new Set(keys).size > 1) return undefined;
  const values = matrixValues(job, keys[0]!);
  const expanded = values?.map((v) => dir.replace(/\$\{\{\s*matrix\.[\w-]+\s*\}\}/g, v));
  return expanded?.some((d) => d.includes('${{')) ? undefined : expanded;
}

