// The fork guard [no-fork-guard] and the token secrets a reusable workflow declares and
// its callers pass.
import { isMap, isScalar, type Document, type YAMLMap } from 'yaml';
import type { RepoRef } from '../core/model.js';
import { forkGuardRepo } from '../audit/rules-publish.js';
import { insertBefore, mapOf, nodeOf, removeFrom, textOf } from './nodes.js';
import { isReusable, localCallee, type JobView } from './jobs.js';

/** `if: github.repository == 'owner/repo'`, combined with an existing condition. */
export function addForkGuard(doc: Document, job: JobView, repo: RepoRef | undefined, notes: string[], localCallers = false): void {
  // A called workflow's github.repository is the caller's repository: with no caller here, the guard would skip every caller.
  if (isReusable(doc.contents as YAMLMap) && !localCallers) return;
  if (!repo) {
    notes.push(`job "${job.id}": no fork guard added (the GitHub repository is unknown; pass --repo).`);
    return;
  }
  const slug = `${repo.owner}/${repo.name}`;
  const guard = `github.repository == '${slug}'`;
  const current = textOf(job.node, 'if');
  if (current === undefined) {
    insertBefore(doc, job.node, 'if', guard, ['runs-on', 'environment', 'permissions', 'strategy', 'steps']);
    notes.push(`job "${job.id}": runs only in ${slug} (forks skip it)`);
    return;
  }
  const guarded = forkGuardRepo(current);
  if (guarded !== undefined || /github\.repository_owner\s*==/.test(current)) {
    if (guarded !== undefined && guarded.toLowerCase() !== slug.toLowerCase()) {
      notes.push(`job "${job.id}" only runs in ${guarded}, not ${slug}: check its if: condition.`);
    }
    return;
  }
  const inner = current.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim();
  const node = nodeOf(job.node, 'if');
  // A block scalar (`if: >`) keeps its style and its final newline (the chomping indicator).
  if (isScalar(node)) node.value = `${guard} && (${inner.replace(/\s*\n\s*/g, ' ')})${/\n$/.test(String(node.value)) ? '\n' : ''}`;
  notes.push(`job "${job.id}": its if: condition now also requires ${slug}`);
}

/** Removes token secrets from `on.workflow_call.secrets` once no caller passes them. */
export function dropDeclaredSecrets(root: YAMLMap, secrets: readonly string[], notes: string[]): void {
  const on = nodeOf(root, 'on');
  const call = isMap(on) ? mapOf(on, 'workflow_call') : undefined;
  if (!call) return;
  for (const name of secrets) {
    if (removeFrom(call, 'secrets', name)) notes.push(`on.workflow_call: no longer declares secret ${name}`);
  }
}

/**
 * A reusable workflow called from other repositories keeps declaring the token secrets it no
 * longer uses (a caller passing an undeclared secret fails), but no longer requires them, so
 * its callers can stop passing the token.
 */
export function relaxDeclaredSecrets(root: YAMLMap, secrets: readonly string[], notes: string[]): void {
  const on = nodeOf(root, 'on');
  const declared = mapOf(isMap(on) ? mapOf(on, 'workflow_call') : undefined, 'secrets');
  for (const name of secrets) {
    const required = nodeOf(mapOf(declared, name), 'required');
    if (!isScalar(required) || required.value !== true) continue;
    required.value = false;
    notes.push(`on.workflow_call: secret ${name} no longer required (callers can stop passing it)`);
  }
}

/** In a caller: stop passing the callee's token secrets (`secrets: inherit` passes nothing by name). */
export function dropPassedSecrets(jobs: readonly JobView[], calleeSecrets: Readonly<Record<string, string[]>>, notes: string[]): void {
  for (const job of jobs) {
    const callee = localCallee(job.uses);
    if (!callee) continue;
    for (const name of calleeSecrets[callee] ?? []) {
      if (removeFrom(job.node, 'secrets', name)) notes.push(`job "${job.id}": no longer passes secret ${name} to ${callee}`);
    }
  }
}

/** Secrets a document still mentions (`secrets.NAME` or `secrets['NAME']`). */
export function mentionedSecrets(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\bsecrets(?:\.([A-Za-z_][\w-]*)|\[\s*['"]([^'"]+)['"]\s*\])/g)) names.add((m[1] ?? m[2])!);
  return names;
}
