// What test/render/bundle.test.ts bundles with the published build's options: the renderers,
// and whether the templates came precompiled.
export { renderWorkflow } from '../../src/providers/github/workflow.js';
export { renderGitlabJob } from '../../src/providers/gitlab/job.js';
export { renderCircleciConfig } from '../../src/providers/circleci/config.js';
export { PRECOMPILED_TEMPLATES } from '../../src/render/engine.js';
export { template } from '../../src/render/handlebars.js';
