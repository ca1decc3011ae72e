// One parse per workflow text. Detection's publish context, the audit, doctor and --migrate
// all read the same workflow several times in one run; the `yaml` document of a text is
// made once here and shared. A caller that edits a document takes a copy (takeYaml), so no
// reader ever sees the edits.
//
// Duplicate keys are found here in one pass over each map, not by the parser (its
// `uniqueKeys` check compares every key with every earlier one: quadratic in the size of a
// map such as `jobs:`). They are reported as the parser reports them, in its error list.
import { isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, LineCounter, Pair, parseDocument, YAMLParseError, type Document, type Node, type Schema, type Tags } from 'yaml';

/**
 * GitHub does not run a workflow file larger than this: "Workflow file exceeds the maximum
 * allowed size of 500 KB" (https://docs.github.com/actions/reference/limits#workflow-file-size).
 * Past it a workflow is not parsed at all (the parser's memory grows to hundreds of bytes per
 * byte of input).
 */
export const MAX_WORKFLOW_BYTES = 512_000;

export interface YamlText {
  doc: Document.Parsed;
  lines: LineCounter;
}

/** The size of a text in bytes, as people read it ("620 kB", "1.1 MB"). */
function sizeOf(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.round(bytes / 1000)} kB`;
}

/** The size in bytes of a text over MAX_WORKFLOW_BYTES, or undefined (counted only when it can be over). */
function over(text: string): number | undefined {
  if (text.length <= MAX_WORKFLOW_BYTES / 4) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > MAX_WORKFLOW_BYTES ? bytes : undefined;
}

/** Why a workflow is not parsed (too large for GitHub), or undefined. */
export function oversize(text: string): string | undefined {
  const bytes = over(text);
  return bytes === undefined ? undefined : `it is ${sizeOf(bytes)}, and GitHub does not run a workflow file larger than 500 KB (512,000 bytes)`;
}

/**
 * Why another YAML file (GitLab or CircleCI config, a local action) is not parsed, or
 * undefined: the same bound as workflows, since the parser's memory grows the same way.
 */
export function oversizeFile(text: string): string | undefined {
  const bytes = over(text);
  return bytes === undefined ? undefined : `it is ${sizeOf(bytes)}, and YAML files larger than 500 KB (512,000 bytes) are not read`;
}

/** DUPLICATE_KEY errors, as the parser's uniqueKeys check would add them, in source order. */
function duplicateKeys(doc: Document.Parsed): YAMLParseError[] {
  const found: YAMLParseError[] = [];
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      // The parser's rule: the same key node, or two scalars with the same value.
      const seen = node.items.length > 1 ? new Set<unknown>() : undefined;
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const id = isScalar(key) ? key.value : key;
        if (seen?.has(id)) {
          const at = key?.range?.[0] ?? node.range?.[0] ?? 0;
          found.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        }
        seen?.add(id);
        walk(key);
        walk(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) walk(item);
  };
  walk(doc.contents);
  return found.sort((a, b) => a.pos[0] - b.pos[0]);
}

/** Adds the duplicate keys of `doc` to its errors, where the parser's own check would put them. */
export function withDuplicateKeys<T extends Document.Parsed>(doc: T): T {
  for (const error of duplicateKeys(doc)) {
    // Before the first parser error that comes later in the text, as the parser orders them.
    const i = doc.errors.findIndex((e) => e.pos[0] > error.pos[0]);
    doc.errors.splice(i < 0 ? doc.errors.length : i, 0, error);
  }
  return doc;
}

function parse(text: string): YamlText {
  const lines = new LineCounter();
  const doc = withDuplicateKeys(parseDocument(text, { uniqueKeys: false, lineCounter: lines, prettyErrors: false }));
  return { doc, lines };
}

/**
 * A YAML file that is not a workflow (a GitLab or CircleCI config, a local action), duplicate
 * keys found as for workflows. Check its size first (oversizeFile).
 */
export function parseYamlFile(text: string, options: { merge?: boolean; customTags?: Tags } = {}): Document.Parsed {
  return withDuplicateKeys(parseDocument(text, { uniqueKeys: false, merge: options.merge ?? false, prettyErrors: false, ...(options.customTags ? { customTags: options.customTags } : {}) }));
}

// Texts of at most this many characters in all stay parsed (a few workflows at GitHub's limit).
const CACHE_CHARS = 2 * MAX_WORKFLOW_BYTES;
const cache = new Map<string, YamlText>();
let cached = 0;

function remember(text: string, parsed: YamlText): void {
  cache.set(text, parsed);
  cached += text.length;
  for (const [old] of cache) {
    if (cached <= CACHE_CHARS || old === text) break;
    cache.delete(old);
    cached -= old.length;
  }
}

/** The parsed document of a text, shared: never edit it (see takeYaml). */
export function readYaml(text: string): YamlText {
  const hit = cache.get(text);
  if (hit) return hit;
  const parsed = parse(text);
  remember(text, parsed);
  return parsed;
}

/**
 * A document to edit: a copy of the shared one (parsed and shared first if need be). The
 * shared document stays as it was read, so every reader, and the migration itself when it
 * compares its edits with the text as it was, sees the file as it is.
 */
export function takeYaml(text: string): YamlText {
  const { doc, lines } = readYaml(text);
  // The document's own fields as its clone() copies them, then the nodes copied here.
  const copy = Object.assign(Object.create(Object.getPrototypeOf(doc), Object.getOwnPropertyDescriptors(doc)), { contents: null }).clone() as Document.Parsed;
  copy.contents = copyNode(doc.contents, copy.schema) as Document.Parsed['contents'];
  return { doc: copy, lines };
}

// The node type mark of the yaml package (a registered symbol, as its isMap and isScalar read it).
const NODE_TYPE = Symbol.for('yaml.node.type');

/**
 * A deep copy of a node, equal to the yaml package's clone(schema): the same prototype, own
 * properties and type mark. Its clone copies every node through property descriptors, which
 * costs several times more on a large workflow; aliases still go through it.
 */
function copyNode(node: unknown, schema: Schema): unknown {
  if (isPair(node)) return new Pair(copyNode(node.key, schema), copyNode(node.value, schema));
  if (!isNode(node)) return node;
  if (isAlias(node)) return node.clone();
  const copy = Object.create(Object.getPrototypeOf(node)) as Record<PropertyKey, unknown>;
  Object.defineProperty(copy, NODE_TYPE, { value: (node as unknown as Record<PropertyKey, unknown>)[NODE_TYPE] });
  Object.assign(copy, node);
  if (isCollection(node)) {
    Object.defineProperty(copy, 'schema', { value: schema, configurable: true, enumerable: false, writable: true });
    copy.items = node.items.map((item) => copyNode(item, schema));
  }
  if (node.range) copy.range = node.range.slice();
  return copy;
}

/** Shares a document already known to be the parse of `text` (assembled from parts that were parsed). */
export function shareYaml(text: string, parsed: YamlText): void {
  if (!cache.has(text)) remember(text, parsed);
}

/** The first error of a document as one line, with its position ("… at line 3, column 1"). */
export function firstError(parsed: YamlText): string | undefined {
  const error = parsed.doc.errors[0];
  if (!error) return undefined;
  if (error.pos[0] < 0) return error.message.split('\n')[0];
  const { line, col } = parsed.lines.linePos(error.pos[0]);
  return `${error.message.split('\n')[0]} at line ${line}, column ${col}`;
}
