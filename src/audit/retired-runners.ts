// GitHub-hosted runner images GitHub has removed: a job that asks for one never starts (GitHub
// fails it at once). Each with the day it became fully unsupported (actions/runner-images #5238,
// #12045 for Windows; #5583, #10721, #13046 and the 2024-05-20 changelog for macOS; #6002, #11101
// for Ubuntu). The label to use instead is GitHub's advice for each, the system's `-latest` (for
// macOS that is Apple silicon; GitHub's Intel label, macos-15-intel, actionlint does not know yet).
const RETIRED: Readonly<Record<string, string>> = {
  'ubuntu-16.04': '2021-09-20',
  'ubuntu-18.04': '2023-04-03',
  'ubuntu-20.04': '2025-04-15',
  'windows-2016': '2022-04-01',
  'windows-2019': '2025-06-30',
  'macos-10.15': '2022-12-01',
  'macos-11': '2024-06-28',
  'macos-12': '2024-12-03',
  'macos-13': '2025-12-04',
};

/** When `label` names a removed image: the day GitHub removed it and the label to use instead. */
export function retiredRunner(label: string): { removed: string; instead: string } | undefined {
  const key = label.trim().toLowerCase();
  return Object.hasOwn(RETIRED, key) ? { removed: RETIRED[key]!, instead: `${key.split('-')[0]}-latest` } : undefined;
}

/** The runner label to use instead of `label`, when `label` names a removed image. */
export const retiredRunnerReplacement = (label: string): string | undefined => retiredRunner(label)?.instead;
