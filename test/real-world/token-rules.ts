/** The doctor rule ids that say "this publish (or this file) still hands npm a token". */
export const TOKEN_RULES = new Set(['use-trusted-publishing', 'ci-token', 'token-check', 'registry-proxy', 'reusable-caller-permissions', 'unsupported-ci']);
