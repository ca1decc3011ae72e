// The GitLab and CircleCI templates, precompiled by the build (scripts/bundle-plugins.mjs, plugin
// `precompiled-templates`); empty when running from source. Apart from the GitHub ones
// (src/render/precompiled.ts), so a GitHub run never loads them.
import type { PrecompiledTemplates } from '../render/precompiled.js';

const PRECOMPILED: PrecompiledTemplates = {};
export default PRECOMPILED;
