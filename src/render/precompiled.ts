// The GitHub templates (templates/github/), precompiled by the build (scripts/bundle-plugins.mjs,
// plugin `precompiled-templates`) and keyed by path, with a hash of the text they were
// compiled from (templateHash in engine.ts). Empty when running from source. The GitLab and
// CircleCI templates are in src/providers/precompiled.ts.
export interface PrecompiledTemplate {
  hash: string;
  spec: unknown;
}
export type PrecompiledTemplates = Record<string, PrecompiledTemplate>;

const PRECOMPILED: PrecompiledTemplates = {};
export default PRECOMPILED;
