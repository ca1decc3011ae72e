// Empty when running from source. The build replaces this module with every template
// under templates/ precompiled, keyed by its path and a hash of its text (templateHash in engine.ts)
// (scripts/build.mjs, plugin `precompiled-templates`).
export interface PrecompiledTemplate {
  hash: string;
  spec: unknown;
}

const PRECOMPILED: Record<string, PrecompiledTemplate> = {};
export default PRECOMPILED;
