// What hands npm a token: the usual variable names, secrets whose name says npm, token inputs of
// actions, and lines that write an `_authToken`. Part of the one publish rule (publish-rule.ts).
import { shellCode } from './script-files.js';

/** Environment variables that carry an npm token under their usual names. */
export const TOKEN_ENV_NAMES = ['NODE_AUTH_TOKEN', 'NPM_TOKEN', 'NPM_AUTH_TOKEN', 'YARN_NPM_AUTH_TOKEN', 'NPM_CONFIG__AUTH_TOKEN'] as const;

/** The NAME in `${{ secrets.NAME }}` (first one in the value), if any. */
export function secretName(value: string): string | undefined {
  const m = /\$\{\{[^}]*?\bsecrets(?:\.([A-Za-z_][\w-]*)|\[\s*['"]([^'"]+)['"]\s*\])/.exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** All secret names in a value (`secrets.A || secrets.B`). */
export function secretNames(value: string): string[] {
  return [...value.matchAll(/\bsecrets(?:\.([A-Za-z_][\w-]*)|\[\s*['"]([^'"]+)['"]\s*\])/g)].map((m) => (m[1] ?? m[2])!);
}

/** A secret whose name says npm: NPM_TOKEN, RELEASE_BOT_NPM_TOKEN, NPMJS_AUTH... */
export const isNpmSecret = (name: string): boolean => /npm/i.test(name);

/**
 * Does `key: value` hand npm a token? A usual name (NODE_AUTH_TOKEN...), any name holding an npm
 * secret (`NPM_API_KEY: ${{ secrets.NPM_TOKEN }}`), or an npm-ish token name holding any secret.
 */
export function isTokenEnv(key: string, value: string): boolean {
  // `NPM_TOKEN: ''` hands npm nothing (changesets/action then publishes with OIDC).
  if (/^\s*(?:''|""|)\s*$/.test(value)) return false;
  if ((TOKEN_ENV_NAMES as readonly string[]).includes(key.toUpperCase())) return true;
  const secrets = secretNames(value);
  if (secrets.some(isNpmSecret)) return true;
  return /npm/i.test(key) && /token|auth|key/i.test(key) && secrets.length > 0;
}

/** A `with:` input of an action that hands it an npm token (`token: ${{ secrets.NPM_TOKEN }}`, `npm-token: ...`). */
export function isTokenInput(key: string, value: string): boolean {
  if (!/token|auth/i.test(key) || /github/i.test(key)) return false;
  const secrets = secretNames(value);
  return secrets.some(isNpmSecret) || (/npm/i.test(key) && secrets.length > 0);
}

/** `npm config delete <key>...`: removes settings (a leftover `_authToken` line), writes none. */
const CONFIG_DELETE = /\bnpm\s+config\s+delete\b[^;&|]*/g;

/**
 * A line that writes or configures an npm `_authToken` (Yarn's `npmAuthToken`) (`npm config set ...:_authToken`, `echo ... >> .npmrc`).
 * `npm config delete //registry.npmjs.org/:_authToken` removes one: that is not a write.
 */
export const writesAuthToken = (line: string): boolean => {
  const text = shellCode(line).replace(CONFIG_DELETE, '');
  // Yarn 2+: `npmAuthToken: ${NPM_AUTH_TOKEN}` echoed into .yarnrc.yml, or `yarn config set npmAuthToken …`.
  return /_authToken\b/.test(text) || /\bnpm\s+config\s+set\s+_auth\b/.test(text) || (/\bnpmAuthToken\b/.test(text) && !/\byarn\s+config\s+(?:get|unset)\b/.test(text));
};
