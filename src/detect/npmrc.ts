// `.npmrc` lines that hand npm a token, or send it to a publishing proxy. Records file and line
// only, never a token's value.
import { join } from 'node:path';
import { readText, unreadableReason } from './read.js';
import type { Finding, TokenUse } from '../core/model.js';
import { registryKind } from '../audit/publish-rule.js';

export interface NpmrcDetection {
  tokens: TokenUse[];
  findings: Finding[];
  /** `registry=` and `@scope:registry=` lines (the URL, never a credential: those are other keys). */
  registries: RegistryLine[];
}

export interface RegistryLine {
  file: string;
  line: number;
  /** `@scope` for a scope registry; undefined for the default registry. */
  scope?: string;
  url: string;
}

/** Scan one .npmrc text; `file` is its path relative to the repository root. */
export function scanNpmrc(file: string, content: string): NpmrcDetection {
  const tokens: TokenUse[] = [];
  const findings: Finding[] = [];
  const registries: RegistryLine[] = [];
  content.split(/\r?\n/).forEach((text, index) => {
    const line = index + 1;
    const trimmed = text.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const eq = trimmed.indexOf('=');
    const key = (eq === -1 ? trimmed : trimmed.slice(0, eq)).trim();
    const value = eq === -1 ? '' : trimmed.slice(eq + 1).trim().replace(/^(['"])(.*)\1$/, '$2');
    const registry = /^(?:(@[^:\s]+):)?registry$/.exec(key);
    if (registry && value && !value.includes('${')) {
      registries.push({ file, line, url: value, ...(registry[1] ? { scope: registry[1] } : {}) });
      if (!registry[1] && registryKind(value) === 'proxy') {
        findings.push({
          id: 'registry-proxy',
          level: 'error',
          message: `${value} is a proxy: trusted publishing exists only on registry.npmjs.org.`,
          file,
          line,
          fix: 'Remove the registry line.',
        });
      }
    } else if (key === '_authToken' || key.endsWith(':_authToken')) {
      tokens.push({ file, line, what: '_authToken' });
      if (value && !/^\$\{[^}]+\}$/.test(value)) {
        findings.push({
          id: 'npmrc-literal-token',
          level: 'warning',
          message: `${file}:${line} holds a literal npm token. Anyone who can read this file can use it.`,
          file,
          line,
          fix: 'Revoke that token on npmjs.com, then remove the line (or use ${NODE_AUTH_TOKEN}).',
        });
      }
    } else if (key === 'always-auth' || key.endsWith(':always-auth')) {
      tokens.push({ file, line, what: 'always-auth' });
    }
  });
  return { tokens, findings, registries };
}

/** `.npmrc` of the target dir and, when different, of the git top level. */
export function readNpmrcs(root: string, top: string, prefix: string): NpmrcDetection {
  const places = prefix ? [{ dir: root, file: `${prefix}/.npmrc` }, { dir: top, file: '.npmrc' }] : [{ dir: root, file: '.npmrc' }];
  const results = places.map(({ dir, file }) => {
    const text = readText(join(dir, '.npmrc'));
    if (text !== undefined) return scanNpmrc(file, text);
    const problem = unreadableReason(join(dir, '.npmrc'));
    const findings: Finding[] = problem
      ? [{ id: 'unreadable-npmrc', level: 'warning', message: `${file} ${problem}: it was not read, so tokens in it are not reported.`, file, fix: `Make ${file} a regular file you can read, or remove it.` }]
      : [];
    return { tokens: [], findings, registries: [] };
  });
  return {
    tokens: results.flatMap((r) => r.tokens),
    findings: results.flatMap((r) => r.findings),
    registries: results.flatMap((r) => r.registries),
  };
}
