// 1. What I found: the facts the answers start from, and the problems the wizard will fix.
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/keys-router.js';
import type { Detected } from '../../../model.js';
import { summaryRows } from '../../../report/summary.js';
import { KeyHints } from '../components/key-hints.js';
import { useTheme } from '../theme.js';
import { isEnter } from '../hooks/keys.js';

const MARK = { error: '✖', warning: '!', info: '·' } as const;

/** The summary, printed once into the scrollback. */
export function FoundBlock({ detected }: { detected: Detected }) {
  const theme = useTheme();
  const rows = summaryRows(detected);
  const width = Math.max(...rows.map(([k]) => k.length));
  const findings = detected.findings.filter((f) => f.level !== 'info');
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text bold>What I found</Text>
      {rows.map(([label, value]) => (
        <Box key={label} paddingLeft={2}>
          <Box width={width + 2} flexShrink={0}>
            <Text dimColor>{label}</Text>
          </Box>
          <Text>{value}</Text>
        </Box>
      ))}
      {findings.map((f) => (
        <Box key={`${f.id}:${f.file ?? ''}:${f.line ?? ''}`} flexDirection="column" marginTop={1} paddingLeft={2}>
          <Text>
            <Text color={f.level === 'error' ? theme.error : theme.warn}>{MARK[f.level]}</Text> {f.message}
            {f.file && !f.message.includes(f.file) ? <Text dimColor>{` (${f.file}${f.line ? `:${f.line}` : ''})`}</Text> : null}
          </Text>
          {f.fix ? (
            <Box paddingLeft={2}>
              <Text color={theme.ok}>→ {f.fix}</Text>
            </Box>
          ) : null}
        </Box>
      ))}
    </Box>
  );
}

/** The live part: what comes next and how to go on. */
export function FoundStep({ questions, onStart }: { questions: number; onStart(): void }) {
  useKeys((input, key) => {
    if (isEnter(input, key)) onStart();
  });
  const next =
    questions === 0
      ? 'Everything is answered already: next, a review of the files before anything is written.'
      : `Next: ${questions} ${questions === 1 ? 'question' : 'questions'}, each with a recommended answer. Nothing is written before you review it.`;
  return (
    <Box flexDirection="column">
      <Text>{next}</Text>
      <KeyHints hints={['Enter continue', 'Esc quit']} />
    </Box>
  );
}
