// The wizard: finished steps go to <Static> (they stay in the scrollback), the current
// step is the only live part of the frame.
import { useState } from 'react';
import { Box, Static, Text, useInput, useWindowSize } from 'ink';
import { KeysRouter } from './hooks/keys-router.js';
import type { Answers, Detected } from '../../../../core/model.js';
import type { Effects } from './effects.js';
import { useWizard } from './hooks/use-wizard.js';
import { usePlan } from './hooks/use-plan.js';
import { noticeOf } from './notice.js';
import { replacesPublisher, type Answer, type FlowConfig, type FlowState } from '../../flow/machine.js';
import { previousQuestion, progress } from '../../flow/question-order.js';
import { reviewRows } from './layout.js';
import { LogLine } from './steps/log.js';
import { QuestionScreen } from './steps/question-screen.js';
import { ReviewStep } from './steps/review.js';
import { ReplaceStep } from './steps/replace.js';
import { PublisherStep } from './steps/publisher.js';
import { ChecklistStep } from './steps/checklist.js';
import { PickStep } from './steps/pick.js';
import { KeyHints } from './components/key-hints.js';
import { useTheme } from './theme.js';
import { labelOf } from '../../../../questions/list.js';
import { generatedWorkflow } from '../../flow/previous-answers.js';

export interface AppProps {
  detected: Detected;
  config: FlowConfig;
  effects: Effects;
  /** Why the browser is not offered (shown beside the URL), when it is not. */
  skipReason?: string;
  onFinish(state: FlowState): void;
}

export function App({ detected, config, effects, skipReason, onFinish }: AppProps) {
  const theme = useTheme();
  const { state, dispatch } = useWizard(config, effects, onFinish);
  const { columns, rows } = useWindowSize();
  const [draft, setDraft] = useState<{ id: keyof Answers; value: Answer } | undefined>();
  const [showPreview, setShowPreview] = useState(true);
  const { step } = state;
  const question = step.kind === 'question' ? state.questions[step.index] : undefined;
  const live = question && draft?.id === question.id ? { ...state.answers, [question.id]: draft.value } : state.answers;
  const planState = usePlan(effects, live);
  useInput((_input, key) => {
    if (key.tab && !key.shift) setShowPreview((shown) => !shown);
  }, { isActive: question !== undefined });

  // The workflow this tool wrote is not "replaced": a re-run with the same answers keeps it.
  const mine = generatedWorkflow(detected)?.fileName;
  const existing = new Set(detected.workflows.map((w) => w.fileName).filter((n) => n !== mine));
  const body = (() => {
    switch (step.kind) {
      case 'question': {
        if (!question) return null;
        const { number, total } = progress(state.questions, step.index, state.answers);
        return (
          <QuestionScreen
            question={question}
            label={labelOf(question, state.answers)}
            detected={detected}
            number={number}
            total={total}
            value={state.answers[question.id]}
            notice={noticeOf(state)}
            hint={question.id === 'workflow' ? (v) => (existing.has(v) ? `.github/workflows/${v} exists: you will be asked before it is replaced.` : undefined) : undefined}
            planState={planState}
            showPreview={showPreview}
            onBack={step.thenReview || previousQuestion(state.questions, step.index, state.answers) >= 0 ? () => { setDraft(undefined); dispatch({ type: 'back' }); } : undefined}
            onDraft={(value) => setDraft(value === undefined ? undefined : { id: question.id, value })}
            onSubmit={(value) => {
              setDraft(undefined);
              dispatch({ type: 'answer', id: question.id, value });
            }}
          />
        );
      }
      case 'review':
        if (planState.error) {
          return (
            <Box flexDirection="column">
              <Text color={theme.error}>✖ Cannot prepare the files: {planState.error}</Text>
              <KeyHints hints={['Esc quit, nothing written']} />
            </Box>
          );
        }
        if (!planState.ready || !planState.plan) return <Text dimColor>Preparing the files…</Text>;
        {
          const plan = planState.plan;
          const changeable = state.questions.some((q) => state.answers[q.id] !== undefined);
          return (
            <ReviewStep
              plan={plan}
              height={reviewRows(plan, columns, rows, noticeOf(state))}
              question={state.config.migrate?.question}
              notice={noticeOf(state)}
              onAnswer={(yes) => dispatch({ type: 'review', yes, plan })}
              onBack={changeable ? () => dispatch({ type: 'back' }) : undefined}
              onChange={changeable ? () => dispatch({ type: 'pick' }) : undefined}
            />
          );
        }
      case 'pick':
        return (
          <PickStep
            questions={state.questions}
            answers={state.answers}
            width={columns}
            onPick={(index) => dispatch({ type: 'edit', index })}
            onBack={() => dispatch({ type: 'back' })}
          />
        );
      case 'replace':
        return (
          <ReplaceStep
            paths={step.paths}
            mine={mine !== undefined && step.paths.includes(`.github/workflows/${mine}`)}
            publishing={replacesPublisher(state.config, step.paths)}
            onAnswer={(yes) => dispatch({ type: 'replace', yes })}
          />
        );
      case 'writing':
        return <Text dimColor>Writing…</Text>;
      case 'publisher': {
        const settings = state.plan?.publishers[step.index];
        if (!settings) return null;
        return (
          <PublisherStep
            settings={settings}
            index={step.index}
            total={state.plan?.publishers.length ?? 1}
            open={step.open}
            skipReason={skipReason}
            onOpen={(yes) => dispatch({ type: 'open', yes })}
            onNext={() => dispatch({ type: 'next' })}
            onTrust={settings.provider === 'GitHub Actions' && settings.trustCommand ? () => dispatch({ type: 'trust' }) : undefined}
          />
        );
      }
      case 'checklist':
        return (
          <ChecklistStep
            items={state.plan?.checklist ?? []}
            cursor={step.cursor}
            done={step.done}
            onMove={(delta) => dispatch({ type: 'move', delta })}
            onToggle={() => dispatch({ type: 'toggle' })}
            onLeave={() => dispatch({ type: 'leave' })}
          />
        );
      case 'finished':
        return null;
    }
  })();

  return (
    <KeysRouter>
      <Static items={state.log}>
        {({ id, entry }) => (
          <Box key={id}>
            <LogLine entry={entry} plan={state.plan} skipReason={skipReason} inPlace={state.config.migrate !== undefined} />
          </Box>
        )}
      </Static>
      {body}
    </KeysRouter>
  );
}
