// Small edits on a parsed YAML document that keep comments and key order.
import { isMap, isScalar, isSeq, Scalar, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { pair as pairOf, value as nodeOf, mapAt as mapOf, text as textOf } from '../audit/workflow-model.js';

// The readers are the audit's (one set for reading and editing workflows).
export { pairOf, nodeOf, mapOf, textOf };

/** The maps of a sequence value (`steps:`), or []. */
export function mapsIn(map: YAMLMap | undefined, key: string): YAMLMap[] {
  const node = nodeOf(map, key);
  return isSeq(node) ? node.items.filter((item): item is YAMLMap => isMap(item)) : [];
}

/** Removes `key`; returns true when it was there. */
export function removeKey(map: YAMLMap | undefined, key: string): boolean {
  const index = map?.items.findIndex((item) => isScalar(item.key) && item.key.value === key) ?? -1;
  if (index === -1) return false;
  map!.items.splice(index, 1);
  return true;
}

/**
 * Removes `item` from a sequence (a step from `steps:`). The blank line before the item that
 * becomes first goes too: printed, it would be a line of indentation alone under the key.
 */
export function removeItem(seq: unknown, item: unknown): void {
  if (!isSeq(seq)) return;
  const index = seq.items.indexOf(item);
  if (index === -1) return;
  seq.items.splice(index, 1);
  const first = seq.items[0] as Node | undefined;
  if (index === 0 && first && typeof first === 'object') first.spaceBefore = false;
}

/** Removes `key` from the map at `parent[field]`, and `field` itself when the map is left empty. */
export function removeFrom(parent: YAMLMap, field: string, key: string): boolean {
  const map = mapOf(parent, field);
  if (!removeKey(map, key)) return false;
  if (map!.items.length === 0) removeKey(parent, field);
  return true;
}

/**
 * Inserts `key: value` into `map` before the first of `before` that exists (else at the
 * end). A blank line in front of that key is repeated in front of the new one.
 */
export function insertBefore(doc: Document, map: YAMLMap, key: string, value: unknown, before: readonly string[]): Pair {
  const pair = doc.createPair(key, value);
  const index = before.map((name) => map.items.findIndex((item) => isScalar(item.key) && item.key.value === name)).find((i) => i >= 0);
  if (index === undefined) {
    map.items.push(pair);
  } else {
    const next = map.items[index]!.key as Node | null;
    if (next && (next as Scalar).spaceBefore) (pair.key as Scalar).spaceBefore = true;
    map.items.splice(index, 0, pair);
  }
  return pair;
}

/** Inserts `key: value` right after `after` (else at the end). */
export function insertAfter(doc: Document, map: YAMLMap, key: string, value: unknown, after: readonly string[]): Pair {
  const pair = doc.createPair(key, value);
  const indices = after.map((name) => map.items.findIndex((item) => isScalar(item.key) && item.key.value === name)).filter((i) => i >= 0);
  if (indices.length === 0) map.items.push(pair);
  else map.items.splice(Math.max(...indices) + 1, 0, pair);
  return pair;
}

/** Sets a scalar, keeping its quoting style; creates the key at the end when absent. */
export function setScalar(doc: Document, map: YAMLMap, key: string, value: string | number | boolean, comment?: string): void {
  const node = nodeOf(map, key);
  if (isScalar(node)) {
    node.value = value;
    if (comment !== undefined) node.comment = comment;
    return;
  }
  const scalar = doc.createNode(value) as Scalar;
  if (comment !== undefined) scalar.comment = comment;
  map.items.push(doc.createPair(key, scalar));
}

/** A block map node from plain data, with an optional comment after one key's value. */
export function blockMap(doc: Document, data: Record<string, unknown>, comments: Record<string, string> = {}): YAMLMap {
  const map = doc.createNode(data) as YAMLMap;
  for (const [key, comment] of Object.entries(comments)) {
    const node = nodeOf(map, key);
    if (node) node.comment = comment;
  }
  return map;
}

/** A `run: |` block scalar. */
export function blockScript(doc: Document, script: string): Scalar {
  const node = doc.createNode(script) as Scalar;
  node.type = Scalar.BLOCK_LITERAL;
  return node;
}
