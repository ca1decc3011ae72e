// The plan for the answers on screen, recomputed as they change. The first computation
// waits for the first frame to be on screen: it loads the template engine, which is the
// slowest thing the wizard does.
import { useEffect, useState } from 'react';
import type { Answers, Plan } from '../../../../../core/model.js';
import type { Effects } from '../effects.js';
import { QUESTIONS, questionApplies } from '../../../../../questions/list.js';

export interface PlanState {
  /** The plan for `key`, when computed. */
  plan?: Plan;
  error?: string;
  /** Identifies the answers the plan (or error) belongs to. */
  key?: string;
}

/** Complete answers, or undefined while one that applies is still missing (another provider's may be). */
export function completeAnswers(answers: Partial<Answers>): Answers | undefined {
  return QUESTIONS.every((q) => answers[q.id] !== undefined || !questionApplies(q, answers)) ? (answers as Answers) : undefined;
}

export function answersKey(answers: Partial<Answers>): string {
  return JSON.stringify(QUESTIONS.map((q) => answers[q.id] ?? '\u0000'));
}

export function usePlan(effects: Effects, answers: Partial<Answers>): PlanState & { ready: boolean } {
  const [state, setState] = useState<PlanState>({});
  const key = answersKey(answers);
  useEffect(() => {
    const complete = completeAnswers(answers);
    if (!complete) return;
    let live = true;
    const timer = setTimeout(() => {
      effects.plan(complete).then(
        (plan) => live && setState({ plan, key }),
        (error: unknown) => live && setState({ error: error instanceof Error ? error.message : String(error), key }),
      );
    }, 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `key` stands for `answers`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [effects, key]);
  return { ...state, ready: state.key === key && state.plan !== undefined };
}
