// The full-screen wizard (Ink), started by start-wizard.ts after its first screen. main.ts has
// checked for a terminal and for findings that block the run; this module is imported only
// then, so --help and --yes never load React.
import { render } from 'ink';
import type { Plan } from '../../../../core/model.js';
import type { RunContext } from '../../flow/context.js';
import { CancelledError, EXIT } from '../../../../core/errors.js';
import { noBrowserReason } from '../../../../core/browser.js';
import { App } from './app.js';
import { flowConfig } from '../../flow/config.js';
import { realEffects, type Effects } from './effects.js';
import { ThemeContext, themeFor } from './theme.js';
import type { FlowState } from '../../flow/machine.js';
import { afterWizard } from './after.js';


/** Effects whose plan is the migration, or the new workflow with a word about the old ones. */
function planEffects(effects: Effects, migration: Plan | undefined, oldWorkflows: readonly string[]): Effects {
  if (migration) return { ...effects, plan: async () => migration };
  if (oldWorkflows.length === 0) return effects;
  const note =
    `${oldWorkflows.join(', ')} still publishes with a token, and a release would start it too: once the new workflow ` +
    'has published, delete it (or its publish step).';
  return { ...effects, plan: async (answers) => { const plan = await effects.plan(answers); return { ...plan, notes: [...plan.notes, note] }; } };
}

export async function run({ detected, options, io, migration, oldWorkflows = [] }: RunContext, base: Effects = realEffects(detected, options.registryCheck)): Promise<number> {
  // start-wizard.ts has checked the package and the flags before the first screen.
  const blocked = options.open ? noBrowserReason() : undefined;
  const effects = planEffects(base, migration, oldWorkflows);
  const asked = flowConfig(detected, options, options.open && blocked === undefined);
  const edited = migration?.changes.filter((c) => c.kind !== 'unchanged').map((c) => c.path).join(', ');
  // The review is the consent to an in-place edit: no second "replace?" question.
  // Its answers are the migration's (a package published from a folder or built in CI is none the
  // repository offers, so the detected defaults may lack one).
  const config = migration ? { ...asked, answers: { ...asked.answers, ...migration.answers }, questions: [], force: true, migrate: { question: `Apply these edits to ${edited}? A .bak backup is kept.` } } : asked;
  let final: FlowState | undefined;
  const instance = render(
    <ThemeContext.Provider value={themeFor(process.stdout)}>
      <App detected={detected} config={config} effects={effects} skipReason={blocked} onFinish={(state) => (final = state)} />
    </ThemeContext.Provider>,
    // Ctrl-C is a key in raw mode: the app handles it, so it can say nothing was written.
    { exitOnCtrlC: false },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    // Settled either way; unmount is a no-op after exit, and restores the terminal after an error.
    instance.unmount();
  }
  if (!final?.outcome) throw new CancelledError();
  const code = await afterWizard(final, io, detected);
  // A separate last step (src/commands/create/pr-offer.ts): asked only when gh is installed.
  if (code !== EXIT.ok || !final.plan || !final.written || (final.outcome.kind !== 'done' && final.outcome.kind !== 'trust')) return code;
  const { offerPullRequest } = await import('../../pr-offer.js');
  return (await offerPullRequest(detected, final.plan, final.written, io)) ?? code;
}

