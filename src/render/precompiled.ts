// The GitHub templates (templates/github/), precompiled by the build (scripts/bundle-plugins.mjs,
// plugin `precompiled-templates`) and keyed by their path under templates/. Empty when running
// from source. The GitLab and CircleCI templates are in src/providers/precompiled.ts.
export type PrecompiledTemplates = Record<string, unknown>;

const PRECOMPILED: PrecompiledTemplates = {};
export default PRECOMPILED;
