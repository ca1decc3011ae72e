// The wizard's state plus the side effects its steps ask for: writing after consent,
// opening the browser after a yes, and leaving Ink once the flow is finished.
import { useEffect, useReducer } from 'react';
import { useApp, useInput } from 'ink';
import type { Effects } from '../effects.js';
import { initFlow, flowStep, type FlowEvent, type FlowConfig, type FlowState } from '../../../flow/machine.js';

export function useWizard(config: FlowConfig, effects: Effects, onFinish: (state: FlowState) => void) {
  const [state, dispatch] = useReducer(flowStep, config, initFlow);
  const { exit } = useApp();
  const { step } = state;

  // Ctrl-C (raw mode turns it into a key) and Esc leave from any step.
  useInput((input, key) => {
    if (key.escape || (key.ctrl && input === 'c')) dispatch({ type: 'cancel' });
  });

  const writing = step.kind === 'writing' ? step : undefined;
  useEffect(() => {
    if (!writing || !state.plan) return;
    effects.write(state.plan.changes, writing.consent).then(
      (results) => dispatch({ type: 'written', results }),
      (error: unknown) => dispatch({ type: 'failed', error }),
    );
    // Runs once per entry into the writing step.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [writing]);

  const opening = step.kind === 'publisher' && step.open === 'opening' ? step.index : undefined;
  useEffect(() => {
    if (opening === undefined) return;
    const url = state.plan?.publishers[opening]?.url;
    if (!url) return;
    void effects.open(url).then(
      (result) => dispatch({ type: 'opened', index: opening, result }),
      () => dispatch({ type: 'opened', index: opening, result: 'failed' }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opening]);

  const checklist = step.kind === 'checklist';
  useEffect(() => {
    if (!checklist || !state.plan || !effects.alreadyDone) return;
    void effects.alreadyDone(state.plan).then(
      (done) => done.length > 0 && dispatch({ type: 'preset', done }),
      () => undefined,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [checklist]);

  // The finished frame renders nothing live, so unmounting leaves only <Static> output
  // behind; the caller prints the rest as plain text.
  const finished = step.kind === 'finished';
  useEffect(() => {
    if (!finished) return;
    onFinish(state);
    exit();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finished]);

  return { state, dispatch: dispatch as (action: FlowEvent) => void };
}
