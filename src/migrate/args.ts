// `--migrate [file]`: node:util parseArgs has no optional option values, so the argv is
// normalised first. `--migrate` alone means every publish workflow (value ''); a following
// word ending in .yml/.yaml is the file; `--migrate=<file>` works as usual.
export function normaliseMigrateArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (arg !== '--migrate') {
      out.push(arg);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && /\.ya?ml$/i.test(next) && !next.startsWith('-')) {
      out.push(`--migrate=${next}`);
      i++;
    } else {
      out.push('--migrate=');
    }
  }
  return out;
}
