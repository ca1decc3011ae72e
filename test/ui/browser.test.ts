// When the npmjs.com page is opened: never in CI, even with $BROWSER set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noBrowserReason } from '../../src/core/browser.js';

test('CI wins over $BROWSER; BROWSER=none always declines; $BROWSER elsewhere opens', () => {
  assert.equal(noBrowserReason({ CI: 'true', BROWSER: '/usr/bin/firefox' }), 'running in CI');
  assert.equal(noBrowserReason({ BROWSER: 'none', CI: 'true' }), 'BROWSER=none');
  assert.equal(noBrowserReason({ BROWSER: '/usr/bin/firefox' }), undefined);
});
