// 2. One question: its label, one line of why, the pre-filled answer, an inline error.
import { Box, Text, useWindowSize } from 'ink';
import type { Detected } from '../../../../../core/model.js';
import type { AnyQuestion } from '../../../../../questions/list.js';
import { TextInput } from '../components/text-input.js';
import { Select } from '../components/select.js';
import { Confirm } from '../components/confirm.js';
import { MultiSelect } from '../components/multi-select.js';
import { KeyHints } from '../components/key-hints.js';
import { useChoiceField, useConfirmField, useMultiField, useTextField, type FieldHandlers } from '../hooks/use-question-field.js';
import type { Answer } from '../../../flow/machine.js';
import { useTheme } from '../theme.js';
import { useKeys } from '../hooks/keys-router.js';
import { wrap } from '../../../../../text/wrap.js';

export interface QuestionStepProps extends FieldHandlers {
  question: AnyQuestion;
  /** For questions whose choices come from the repository (the packages of a monorepo). */
  detected: Detected;
  /** 1-based position and count, for "Question 2 of 5". */
  number: number;
  total: number;
  value: Answer | undefined;
  /** Shown above the question, e.g. why it is asked again. */
  notice?: string;
  /** A warning about the current value that does not stop it (e.g. "this file exists"). */
  hint?: (value: string) => string | undefined;
  /** Whether Tab toggles a preview on this screen. */
  previewKey?: boolean;
  /** Whether the preview is shown now (for the Tab hint). */
  previewShown?: boolean;
  /** Columns the question may use (choices lay out in them). */
  width?: number;
  /** Shift-Tab (and ← or Backspace on a list): the previous question; undefined on the first. */
  onBack?: () => void;
  /** The label when it depends on earlier answers (labelOf); else the question's own. */
  label?: string;
}

function TextField({ question, value, hint, ...handlers }: QuestionStepProps) {
  const theme = useTheme();
  const field = useTextField(question, value, handlers);
  const empty = 'emptyMeans' in question ? question.emptyMeans : undefined;
  const warning = hint?.(field.text.value.trim());
  return (
    <Box flexDirection="column">
      <TextInput state={field.text} onChange={field.change} onSubmit={field.submit} placeholder={empty ? `(empty: ${empty})` : undefined} />
      {field.error ? <Text color={theme.error}>✖ {field.error}</Text> : null}
      {!field.error && warning ? <Text color={theme.warn}>! {warning}</Text> : null}
      {!field.error && !warning && empty ? <Text dimColor>Leave it empty for {empty}.</Text> : null}
    </Box>
  );
}

function SelectField({ question, value, width, ...handlers }: QuestionStepProps) {
  const field = useChoiceField(question, value, handlers);
  return <Select choices={field.choices} index={field.index} onChange={field.change} onSubmit={field.submit} width={width} />;
}

function MultiField({ question, value, detected, width, ...handlers }: QuestionStepProps) {
  const theme = useTheme();
  const field = useMultiField(question, value, detected, handlers);
  return (
    <Box flexDirection="column">
      <MultiSelect choices={field.choices} selected={field.selected} cursor={field.cursor} onChange={field.change} onSubmit={field.submit} width={width} />
      {field.error ? <Text color={theme.error}>✖ {field.error}</Text> : null}
    </Box>
  );
}

function ConfirmField({ value, ...handlers }: QuestionStepProps) {
  const field = useConfirmField(value, handlers);
  return <Confirm value={field.value} onChange={field.change} onSubmit={field.submit} />;
}

// `back`: the keys that also go to the previous question (Shift-Tab always does); a text
// field keeps ← and Backspace for editing.
const FIELDS = {
  text: { Field: TextField, keys: ['type to replace', 'Enter accept'], back: false },
  select: { Field: SelectField, keys: ['↑↓ choose', 'Enter accept'], back: true },
  confirm: { Field: ConfirmField, keys: ['y/n or ←→ choose', 'Enter accept'], back: false },
  multiselect: { Field: MultiField, keys: ['↑↓ move', 'Space tick', 'a all', 'Enter accept'], back: true },
} as const;

export function QuestionStep(props: QuestionStepProps) {
  const theme = useTheme();
  const { question, number, total, notice, previewKey, previewShown = true, label, onBack } = props;
  const { Field, keys, back } = FIELDS[question.kind];
  const { columns } = useWindowSize();
  // Broken between words here: Ink keeps the space it breaks at, which began the next row.
  const help = wrap(question.help, props.width ?? columns, '').join('\n');
  useKeys((_input, key) => {
    if (!onBack) return;
    if ((key.tab && key.shift) || (back && (key.leftArrow || key.backspace))) onBack();
  });
  return (
    <Box flexDirection="column">
      {notice ? <Text color={theme.warn}>{notice}</Text> : null}
      <Text dimColor>{`Question ${number} of ${total}`}</Text>
      <Text bold>{label ?? question.label}</Text>
      <Text dimColor>{help}</Text>
      <Box marginTop={1} flexDirection="column">
        {/* key: a new question starts a new field state */}
        <Field key={`${question.id}:${number}`} {...props} />
      </Box>
      <Box marginTop={1}>
        <KeyHints
          width={props.width}
          hints={[...keys, ...(onBack ? ['Shift-Tab back'] : []), ...(previewKey ? [previewShown ? 'Tab hide preview' : 'Tab show preview'] : []), 'Esc quit']}
        />
      </Box>
    </Box>
  );
}
