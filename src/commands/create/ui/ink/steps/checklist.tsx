// 5. Retire the token: a checklist in the order that cannot lock anyone out.
import { Box, Text, useWindowSize } from 'ink';
import { useKeys } from '../hooks/keys-router.js';
import type { ChecklistItem } from '../../../../../core/model.js';
import { KeyHints } from '../components/key-hints.js';
import { useTheme } from '../theme.js';
import { isEnter } from '../input/keys.js';
import { commandLines, urlIndent } from '../../../../../report/command-lines.js';
import { isAlternative } from '../../../../../report/checklist.js';
import { wrap } from '../../../../../text/wrap.js';

/** `text` after `prefix`, broken between words here (Ink keeps the space it breaks at), the rows after the first under the text. */
function hanging(prefix: string, text: string, columns: number): string {
  const indent = ' '.repeat([...prefix].length);
  return wrap(text, columns, indent)
    .map((line, i) => (i === 0 ? `${prefix}${line.slice(indent.length)}` : line))
    .join('\n');
}

export interface ChecklistStepProps {
  items: readonly ChecklistItem[];
  cursor: number;
  done: readonly string[];
  onMove(delta: number): void;
  onToggle(): void;
  onLeave(): void;
}

export function ChecklistStep({ items, cursor, done, onMove, onToggle, onLeave }: ChecklistStepProps) {
  const theme = useTheme();
  const { columns } = useWindowSize();
  useKeys((input, key) => {
    if (key.upArrow || input === 'k') onMove(-1);
    else if (key.downArrow || input === 'j') onMove(1);
    else if (input === ' ' || input === 'x') onToggle();
    else if (isEnter(input, key)) onLeave();
  });
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>Then retire the token, in this order</Text>
      <Text dimColor>Tick what you have done; the list stays printed when you leave.</Text>
      <Box flexDirection="column" marginTop={1} aria-role="list">
        {items.map((item, i) => {
          const focused = i === cursor;
          const checked = done.includes(item.id);
          const number = items.slice(0, i + 1).filter((x) => !isAlternative(x)).length;
          return (
            <Box key={item.id} flexDirection="column" aria-role="checkbox" aria-state={{ checked, selected: focused }}>
              <Text color={focused ? theme.accent : undefined} bold={focused}>
                {isAlternative(item)
                  ? hanging(`${focused ? '›' : ' '}     `, `${item.title}:`, columns)
                  : hanging(`${focused ? '›' : ' '} ${checked ? '[x]' : '[ ]'} ${number}. `, item.title, columns)}
              </Text>
              {focused ? <Text dimColor>{item.detail.split('\n').map((line) => hanging(' '.repeat(8), line, columns)).join('\n')}</Text> : null}
              {/* A command breaks only with a trailing backslash; a URL keeps one row (see report/command-lines.ts). */}
              {focused && item.command
                ? commandLines(item.command, columns - 8, '$ ', '    ').map((line, n) => (
                    <Text key={`c${n}`} color={theme.value}>
                      {`${' '.repeat(8)}${line}`}
                    </Text>
                  ))
                : null}
              {focused && item.url ? <Text color={theme.accent}>{`${' '.repeat(urlIndent(item.url, columns, 8))}${item.url}`}</Text> : null}
            </Box>
          );
        })}
      </Box>
      <Box marginTop={1}>
        <KeyHints hints={['↑↓ move', 'Space tick', 'Enter or Esc finish']} />
      </Box>
    </Box>
  );
}
