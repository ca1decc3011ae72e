// Every template in templates/, precompiled by the build (scripts/bundle-plugins.mjs, plugin
// `precompiled-templates`): one group per provider folder (`github`, `gitlab`, `circleci`),
// each keyed by path under templates/. A group is a function the engine calls the first time
// one of its templates is used, so a GitHub run never builds the GitLab or CircleCI ones.
// Empty when running from source.
export type PrecompiledTemplates = Record<string, unknown>;
export type PrecompiledGroups = Record<string, () => PrecompiledTemplates>;

const PRECOMPILED: PrecompiledGroups = {};
export default PRECOMPILED;
