// Finished steps, as they stay in the scrollback (<Static>): one line per answer, the
// files written, the npmjs.com values.
import { Box, Text } from 'ink';
import type { Plan } from '../../../../../core/model.js';
import type { LogEntry } from '../../../flow/machine.js';
import type { WriteResult } from '../../../../../apply/write.js';
import { openLine } from './publisher.js';
import { useTheme } from '../theme.js';

export interface LogLineProps {
  entry: LogEntry;
  plan?: Plan;
  skipReason?: string;
  /** The existing workflow was edited in place (not swapped for a new file). */
  inPlace?: boolean;
}

/** What happened to a file: an in-place edit is "Fixed in place" even though a backup is kept. */
function writtenWord(r: WriteResult, inPlace = false): string {
  if (r.kind === 'unchanged') return 'Already up to date:';
  if (r.kind === 'create') return 'Created';
  if (inPlace) return 'Fixed in place:';
  return r.backup ? 'Replaced' : 'Updated';
}

export function LogLine({ entry, plan, skipReason, inPlace }: LogLineProps) {
  const theme = useTheme();
  switch (entry.kind) {
    case 'answer':
      return (
        <Text>
          <Text color={theme.ok}>✔</Text> {entry.label}: <Text bold>{entry.value}</Text>
        </Text>
      );
    case 'note':
      return (
        <Text>
          <Text color={theme.warn}>!</Text> {entry.text}
        </Text>
      );
    case 'written':
      return (
        <Box flexDirection="column" marginTop={1} marginBottom={1}>
          {entry.results.map((r) => (
            <Text key={r.path}>
              <Text color={theme.ok}>✔</Text> {writtenWord(r, inPlace)} {r.path}
              {r.backup ? <Text dimColor>{` (previous version kept as ${r.backup})`}</Text> : null}
            </Text>
          ))}
          {(plan?.manual ?? []).map((m) => (
            <Text key={`manual:${m.path}`}>
              <Text color={theme.warn}>!</Text> Not written: {m.path} <Text dimColor>(the job to paste is printed at the end)</Text>
            </Text>
          ))}
        </Box>
      );
    case 'publisher': {
      // The values themselves were printed when the step began (see steps/publisher.tsx).
      const settings = plan?.publishers[entry.index];
      const status = settings ? openLine(entry.open, settings.url, skipReason) : undefined;
      return status ? <Text dimColor>{status}</Text> : null;
    }
  }
}
