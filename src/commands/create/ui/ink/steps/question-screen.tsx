// A question with the live preview: beside it on wide terminals, below it otherwise, and
// left out when the terminal is too short for a useful one.
import { Box, useWindowSize } from 'ink';
import type { PlanState } from '../hooks/use-plan.js';
import { PreviewPane } from '../components/preview-pane.js';
import { questionLayout } from '../layout.js';
import { QuestionStep, type QuestionStepProps } from './question.js';

export interface QuestionScreenProps extends Omit<QuestionStepProps, 'previewKey'> {
  planState: PlanState;
  /** Tab hides and shows the preview. */
  showPreview: boolean;
}

export function QuestionScreen({ planState, showPreview, ...props }: QuestionScreenProps) {
  const { columns, rows } = useWindowSize();
  const { question, detected, notice } = props;
  const choices = question.kind === 'multiselect' ? question.choices(detected) : [];
  const layout = questionLayout(question, notice, columns, rows, choices);
  const form = <QuestionStep {...props} previewKey={layout.previewRows > 0} previewShown={showPreview} width={layout.wide ? layout.leftWidth : columns} />;
  const pane =
    showPreview && layout.previewRows > 0 ? (
      <PreviewPane
        plan={planState.plan}
        error={planState.error}
        question={question.id}
        height={layout.previewRows}
        width={layout.previewWidth}
        bordered={layout.wide}
      />
    ) : null;
  if (layout.wide) {
    return (
      <Box>
        <Box width={layout.leftWidth} flexShrink={0} marginRight={2}>
          {form}
        </Box>
        {pane}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      {form}
      {pane ? <Box marginTop={1}>{pane}</Box> : null}
    </Box>
  );
}
