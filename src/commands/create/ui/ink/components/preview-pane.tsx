// The workflow as it will be written, updating as the answers change.
import { Box, Text } from 'ink';
import type { Answers, Plan } from '../../../../../core/model.js';
import { previewFor, previewWindow } from '../preview.js';
import { Viewport } from './viewport.js';
import { useTheme } from '../theme.js';

export interface PreviewPaneProps {
  plan?: Plan;
  error?: string;
  question?: keyof Answers;
  /** Rows for the file's lines (title and position line come on top). */
  height: number;
  width?: number;
  bordered?: boolean;
}

export function PreviewPane({ plan, error, question, height, width, bordered = false }: PreviewPaneProps) {
  const theme = useTheme();
  const preview = plan && !error ? previewFor(plan, question) : undefined;
  // Screen readers get the lines this answer changes, not the whole file on every key.
  const label = preview
    ? `Preview of ${preview.title}: ${preview.lines.filter((l) => l.mark).map((l) => l.text.trim()).join('; ') || 'no line changes with this answer'}`
    : undefined;
  const body = (() => {
    if (error) return <Text color={theme.error}>Cannot preview these answers: {error}</Text>;
    if (!preview) return <Text dimColor>Preparing the preview…</Text>;
    const { start } = previewWindow(preview, height);
    return (
      <>
        <Text bold wrap="truncate-end">
          {preview.title} <Text dimColor>(as it will be written)</Text>
        </Text>
        <Viewport lines={preview.lines} start={start} height={height} diff={question === 'fixRepository'} />
      </>
    );
  })();
  return (
    <Box
      flexDirection="column"
      width={width}
      borderStyle={bordered ? 'round' : undefined}
      borderDimColor
      paddingX={bordered ? 1 : 0}
      aria-label={label}
    >
      {body}
    </Box>
  );
}
