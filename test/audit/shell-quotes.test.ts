// The shell lexer the publish rule, the global-install scanner and the template-injection fix
// share (src/audit/shell-quotes.ts): which quoted strings a script holds, and whose arguments they are.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blankQuotedData, prints, quotedSpans, runsString } from '../../src/audit/shell-quotes.js';

const spans = (script: string) => quotedSpans(script).map((s) => ({ text: script.slice(s.open, s.close + 1), command: s.command.trim() }));

test('each quoted string names the command it is an argument of, across line continuations and separators', () => {
  assert.deepEqual(spans(`if [ -z "$X" ]; then echo "npm publish was skipped"; fi`), [
    { text: '"$X"', command: 'if [ -z' },
    { text: '"npm publish was skipped"', command: 'then echo' },
  ]);
  assert.deepEqual(spans('gh release create "v1" \\\n  --notes "Install:\nnpm i -g @acme/cli@beta\n" \\\n  ./x.zip'), [
    { text: '"v1"', command: 'gh release create' },
    { text: '"Install:\nnpm i -g @acme/cli@beta\n"', command: 'gh release create "v1"    --notes' },
  ]);
  assert.deepEqual(spans(`V=$(echo '\${{ github.event.pull_request.title }}' | grep -oP 'x')`), [
    { text: `'\${{ github.event.pull_request.title }}'`, command: 'echo' },
    { text: "'x'", command: 'grep -oP' },
  ]);
});

test("comments, here-documents, escapes and GitHub expressions open no quote: an apostrophe there does not swallow the script", () => {
  assert.deepEqual(spans("# don't publish from forks\necho 'a'"), [{ text: "'a'", command: 'echo' }]);
  assert.deepEqual(spans("cat <<'EOF' > notes.md\nit's here\nEOF\necho 'b'"), [{ text: "'b'", command: 'echo' }]);
  assert.deepEqual(spans("echo it\\'s; echo 'c'"), [{ text: "'c'", command: 'echo' }]);
  assert.deepEqual(spans("if [ ${{ github.event_name == 'push' }} ]; then echo 'd'; fi"), [{ text: "'d'", command: 'then echo' }]);
  // A quote never closed is no span.
  assert.deepEqual(spans('echo "open'), []);
});

test('a double-quoted string holding a command substitution is kept whole: that part runs', () => {
  const [outer] = quotedSpans('echo "$(npm publish)"');
  assert.equal(outer!.substitutes, true);
  assert.equal(blankQuotedData('echo "$(npm publish)"', prints), 'echo "$(npm publish)"');
  assert.equal(blankQuotedData('echo "npm publish" && npm test', prints), 'echo "           " && npm test');
  // Line breaks stay where they were: line numbers still match.
  assert.equal(blankQuotedData('echo "a\nb" ; x', prints).split('\n').length, 2);
});

test('printers and commands that run a string', () => {
  for (const command of ['echo ', 'printf %s ', 'then echo -n ', 'MSG=1 echo ']) assert.equal(prints(command), true, command);
  for (const command of ['gh release create ', 'retry ', 'sh -c ']) assert.equal(prints(command), false, command);
  for (const command of ['sh -c ', 'bash -ec ', 'eval ', 'node -e ', 'xargs -I{} sh ', 'npx --yes -c ', 'find . -exec ']) assert.equal(runsString(command), true, command);
  for (const command of ['gh release create v1 --notes ', 'echo ', 'git commit -m ', 'curl -d ']) assert.equal(runsString(command), false, command);
});
