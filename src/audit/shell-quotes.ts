// The quoted strings of a shell script, and which command each belongs to: text a command only
// prints or passes on as data (`echo "… npm publish was skipped."`, release notes in
// `gh release create --notes "…"`) is not a command the script runs. One small lexer, read by
// the publish rule, the global-install scanner and the template-injection fix alike.

/** A quoted string of a script: where its quotes are, and the command it is an argument of. */
export interface QuotedSpan {
  /** Offset of the opening quote. */
  open: number;
  /** Offset of the closing quote. */
  close: number;
  quote: "'" | '"';
  /** The command's text before the opening quote, line continuations joined (`gh release create --notes `). */
  command: string;
  /** A double-quoted string holding a command substitution (`$(…)`, backticks): that part runs. */
  substitutes: boolean;
}

interface Code {
  kind: 'top' | 'subst' | 'backtick';
  /** Where the current simple command starts. */
  start: number;
  /** Open subshell parentheses inside this frame. */
  depth: number;
}
interface Quote {
  kind: 'single' | 'double';
  open: number;
  command: string;
  substitutes: boolean;
}

/** `${{ … }}`: GitHub replaces it before the shell runs; the quotes inside it are the expression's own. */
const skipExpression = (script: string, i: number): number => {
  const end = script.indexOf('}}', i + 3);
  return end < 0 ? script.length : end + 1;
};

const HEREDOC = /^<<(-?)[ \t]*(['"]?)([\w.-]+)\2/;

/**
 * Every closed quoted string of `script`, in the order they close. Backslash escapes, comments,
 * `$(…)` and backticks (also inside double quotes), here-documents (their text is skipped) and
 * GitHub expressions are followed; a quote still open at the end is not a span.
 */
export function quotedSpans(script: string): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  const stack: Array<Code | Quote> = [{ kind: 'top', start: 0, depth: 0 }];
  const heredocs: string[] = [];
  const command = (frame: Code, at: number) => script.slice(frame.start, at).replace(/\\\r?\n/g, ' ');
  for (let i = 0; i < script.length; i++) {
    const frame = stack[stack.length - 1]!;
    const c = script[i]!;
    if (c === '$' && script.startsWith('${{', i)) {
      i = skipExpression(script, i);
      continue;
    }
    if (frame.kind === 'single') {
      if (c === "'") {
        stack.pop();
        spans.push({ open: frame.open, close: i, quote: "'", command: frame.command, substitutes: false });
      }
      continue;
    }
    if (frame.kind === 'double') {
      if (c === '\\') i++;
      else if (c === '"') {
        stack.pop();
        spans.push({ open: frame.open, close: i, quote: '"', command: frame.command, substitutes: frame.substitutes });
      } else if (c === '`' || (c === '$' && script[i + 1] === '(')) {
        frame.substitutes = true;
        if (c === '$') i++;
        stack.push({ kind: c === '`' ? 'backtick' : 'subst', start: i + 1, depth: 0 });
      }
      continue;
    }
    // Code: the top of the script, a `$(…)` or a backtick substitution.
    const code = frame as Code;
    if (c === '\\') i++;
    else if (c === '#' && (i === code.start || /[\s;&|(]/.test(script[i - 1]!))) {
      const end = script.indexOf('\n', i);
      i = (end < 0 ? script.length : end) - 1;
    } else if (c === "'" || c === '"') stack.push({ kind: c === "'" ? 'single' : 'double', open: i, command: command(code, i), substitutes: false });
    else if (c === '`') {
      if (code.kind === 'backtick') stack.pop();
      else stack.push({ kind: 'backtick', start: i + 1, depth: 0 });
    } else if (c === '$' && script[i + 1] === '(') {
      stack.push({ kind: 'subst', start: i + 2, depth: 0 });
      i++;
    } else if (c === '(') {
      code.depth++;
      code.start = i + 1;
    } else if (c === ')') {
      if (code.depth > 0) code.depth--;
      else if (code.kind === 'subst') {
        stack.pop();
        continue;
      }
      code.start = i + 1;
    } else if (c === '<' && script.startsWith('<<', i) && !script.startsWith('<<<', i)) {
      const doc = HEREDOC.exec(script.slice(i));
      if (doc) {
        heredocs.push(doc[3]!);
        i += doc[0].length - 1;
      }
    } else if (c === ';' || c === '&' || c === '|') code.start = i + 1;
    else if (c === '\n') {
      code.start = i + 1;
      // The here-documents opened on this line: their text runs to a line holding only the word.
      while (heredocs.length > 0) {
        const word = heredocs.shift()!;
        let at = i + 1;
        for (;;) {
          const end = script.indexOf('\n', at);
          const line = script.slice(at, end < 0 ? script.length : end);
          at = end < 0 ? script.length : end + 1;
          if (line.trim() === word || end < 0) break;
        }
        i = at - 1;
        code.start = at;
      }
    }
  }
  return spans;
}

/**
 * `script` with the inside of every quoted string `isData` accepts (by the command it belongs
 * to) blanked to spaces, line breaks kept, so offsets and line numbers still match. A string
 * holding a command substitution is kept: that part runs.
 */
export function blankQuotedData(script: string, isData: (command: string) => boolean): string {
  const spans = quotedSpans(script).filter((s) => !s.substitutes && isData(s.command));
  if (spans.length === 0) return script;
  let out = '';
  let from = 0;
  for (const span of [...spans].sort((a, b) => a.open - b.open)) {
    if (span.open < from) continue;
    out += script.slice(from, span.open + 1) + script.slice(span.open + 1, span.close).replace(/[^\n]/g, ' ');
    from = span.close;
  }
  return out + script.slice(from);
}

/** echo and printf: what they are given they print, they never run it. */
export const prints = (command: string): boolean => /^\s*(?:(?:then|do|else|!)\s+)?(?:[A-Za-z_]\w*=\S*\s+)*(?:builtin\s+|command\s+)?(?:echo|printf)(?:\s|$)/.test(command);

/** An echo or printf that only prints (to the log, or `>&2`): one that writes a file (`>> "$GITHUB_OUTPUT"`) does more. */
export const onlyPrints = (command: string): boolean => prints(command) && !command.replace(/\s[12]?>&[12]\b/g, ' ').includes('>');

/**
 * A command that may run a string it is given as code: `eval`, `sh -c`, `node -e`, `exec`,
 * `xargs`, `ssh`, `source`. Its quoted arguments are read as script, never skipped as data.
 */
export const runsString = (command: string): boolean =>
  /(?:^|[\s;&|(])(?:eval|exec|-exec(?:dir)?|xargs|parallel|ssh|source|\.|-[A-Za-z]*[ce]|--command|--eval)(?=\s|=|$)/.test(command);
