// What test/render/bundle.test.ts bundles with the published build's options: the renderers,
// and whether the templates came precompiled.
export { renderWorkflow } from '../../src/render/workflow.js';
export { renderGitlabJob } from '../../src/providers/gitlab.js';
export { renderCircleciConfig } from '../../src/providers/circleci.js';
export { PRECOMPILED_TEMPLATES } from '../../src/render/engine.js';
export { template } from '../../src/render/handlebars.js';
