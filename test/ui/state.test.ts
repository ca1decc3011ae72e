// The wizard's pure parts: line editing, the preview, the final print (its steps: test/flow/machine.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Key } from 'ink';
import { editText, textState } from '../../src/commands/create/ui/ink/input/text-edit.js';
import { clampOffset, wrapIndex } from '../../src/commands/create/ui/ink/input/list-nav.js';
import { initFlow } from '../../src/commands/create/flow/machine.js';
import { change, config, plan } from '../helpers/flow.js';
import { previewFor } from '../../src/commands/create/ui/ink/preview.js';
import { afterWizard } from '../../src/commands/create/ui/ink/after.js';

const key = (k: Partial<Key> = {}): Key =>
  ({ upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
    return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
    super: false, hyper: false, capsLock: false, numLock: false, ...k }) as Key;

describe('line editing', () => {
  it('inserts at the cursor, moves, deletes, and ignores keys that are not editing', () => {
    let s = textState('pubish.yml');
    s = editText(s, '', key({ home: true }))!;
    for (let i = 0; i < 3; i++) s = editText(s, '', key({ rightArrow: true }))!;
    s = editText(s, 'l', key())!;
    assert.deepEqual(s, { value: 'publish.yml', cursor: 4 });
    s = editText(s, '', key({ backspace: true }))!;
    assert.deepEqual(s, { value: 'pubish.yml', cursor: 3 });
    s = editText(s, '', key({ delete: true }))!;
    assert.equal(s.value, 'pubsh.yml');
    assert.equal(editText(s, '', key({ return: true })), undefined);
    assert.equal(editText(s, '', key({ escape: true })), undefined);
    assert.deepEqual(editText(textState('a b'), 'w', key({ ctrl: true })), { value: 'a ', cursor: 2 });
    assert.deepEqual(editText(textState('abc'), 'u', key({ ctrl: true })), { value: '', cursor: 0 });
  });

  it('keeps control characters out of pasted text', () => {
    assert.deepEqual(editText(textState(''), 'np\u0007m\t', key()), { value: 'npm', cursor: 3 });
  });
});

describe('list navigation', () => {
  it('wraps indexes and clamps offsets', () => {
    assert.equal(wrapIndex(0, -1, 3), 2);
    assert.equal(wrapIndex(2, 1, 3), 0);
    assert.equal(clampOffset(50, 52, 10), 42);
    assert.equal(clampOffset(-3, 52, 10), 0);
    assert.equal(clampOffset(5, 4, 10), 0);
  });
});

describe('preview', () => {
  it('marks the lines the question changes', () => {
    const p = plan([change({ after: 'name: x\non:\n  release:\n    types: [published]\n\njobs:\n  publish:\n    runs-on: ubuntu-latest\n' })]);
    const trigger = previewFor(p, 'trigger');
    assert.deepEqual(trigger.lines.filter((l) => l.mark).map((l) => l.text), ['on:', '  release:', '    types: [published]']);
    assert.equal(trigger.focus, 1);
    const env = previewFor(p, 'environment');
    assert.deepEqual(env.lines.filter((l) => l.mark).map((l) => l.text.trim()), ['runs-on: ubuntu-latest'], 'where the environment would go');
  });
});

describe('after the wizard', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
  };
  const base = initFlow(config());

  it('prints the checklist with ticks and how to check later', async () => {
    const o = io();
    assert.equal(await afterWizard({ ...base, plan: plan([]), outcome: { kind: 'done', done: ['commit'] } }, o.io), 0);
    assert.match(o.out.join('\n'), /\[x\] 1\. Commit[\s\S]*again in this\s+folder/);
  });

  it('cancelled before writing: throws CancelledError (exit 130, "Nothing was written.")', async () => {
    await assert.rejects(afterWizard({ ...base, outcome: { kind: 'cancelled' } }, io().io), { name: 'CancelledError' });
  });

  it('cancelled after writing: says what was written, keeps what is left, exit 130', async () => {
    const o = io();
    const code = await afterWizard({ ...base, plan: plan([]), written: [{ path: 'a.yml', kind: 'create' }], outcome: { kind: 'cancelled' } }, o.io);
    assert.equal(code, 130);
    assert.match(o.err.join('\n'), /Stopped\. Already written:\n.*a\.yml/);
    assert.match(o.out.join('\n'), /Still to do[\s\S]*\[ \] 1\. Commit/);
  });
});
