import { join } from 'node:path';
import type { Detected } from './model.js';

/** Absolute repository root (git top level), which plan paths are relative to. */
export function repoRoot(d: Detected): string {
  if (!d.git.prefix) return d.root;
  const up = d.git.prefix.split('/').map(() => '..');
  return join(d.root, ...up);
}
