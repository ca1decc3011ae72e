// The Ink wizard under ink-testing-library, on a real repository: real detection and
// plans, fake writes and browser.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/commands/create/ui/ink/app.js';
import { flowConfig } from '../../src/commands/create/flow/config.js';
import type { FlowState } from '../../src/commands/create/flow/machine.js';
import type { Detected } from '../../src/core/model.js';
import type { GivenAnswers } from '../../src/questions/resolve.js';
import { KEY, detectedRepo, fakeEffects, renderScreen, type Screen } from '../helpers/ink.js';
import type { TempRepo } from '../helpers/repo.js';

const repos: TempRepo[] = [];
after(() => {
  cleanup();
  for (const r of repos) r.cleanup();
});

/** `--release publish`: the wizard then asks the five questions of a plain publish. */
export const PUBLISH: GivenAnswers = { release: 'publish' };

export async function fixture(overrides: Parameters<typeof detectedRepo>[0] = {}): Promise<Detected> {
  const { repo, detected } = await detectedRepo(overrides);
  repos.push(repo);
  return detected;
}

export function wizard(
  detected: Detected,
  opts: { given?: GivenAnswers; force?: boolean; offerOpen?: boolean; size?: { columns: number; rows: number } } = {},
) {
  const effects = fakeEffects(detected);
  const config = flowConfig(detected, { given: opts.given ?? {}, force: opts.force ?? false }, opts.offerOpen ?? true);
  let finished: FlowState | undefined;
  const screen = renderScreen(
    <App detected={detected} config={config} effects={effects} onFinish={(s) => (finished = s)} />,
    opts.size,
  );
  const result = async () => {
    const start = Date.now();
    while (!finished && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 5));
    assert.ok(finished, 'the wizard did not finish');
    return finished;
  };
  return { screen, effects, result };
}

/** Enter through every question; resolves with the review frame. */
export async function toReview(screen: Screen, questions: number): Promise<string> {
  for (let n = 1; n <= questions; n++) {
    await screen.waitFor(`Question ${n} of ${questions}`);
    await screen.press(KEY.enter);
  }
  return screen.waitFor('Write these files?');
}
