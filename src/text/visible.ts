// Control characters made visible, so text from a repository (a package name, a branch, a file
// name, a remote URL, a registry response) cannot move the cursor, retitle the window, hide a
// line or fake a prompt. C0 controls show as `\x1b`; DEL, C1 and the bidirectional overrides as
// `\u009b` (a form that stays valid inside a JSON string, where C0 is already escaped).

/**
 * The SGR sequences node:util styleText writes for the styles this program uses (bold, dim, red,
 * green, yellow, cyan, and their resets). Others (conceal, blink, 256 colours...) are escaped
 * even on a colour terminal: a value cannot hide the lines after it.
 */
const SGR = /\x1b\[(?:1|2|22|31|32|33|36|39)m/y;

function escapeChar(code: number): string {
  return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

function isControl(code: number, keepLines: boolean): boolean {
  if (keepLines && (code === 0x0a || code === 0x09)) return false;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

const ANY_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

export interface VisibleOptions {
  /** Keep line feeds and tabs as they are (whole messages); false for one value (a name). */
  keepLines?: boolean;
  /** Let colour sequences through: only for a stream this program colours itself. */
  keepColour?: boolean;
}

/** `text` with every control character written as an escape. */
export function visible(text: string, options: VisibleOptions = {}): string {
  const keepLines = options.keepLines ?? true;
  if (!ANY_CONTROL.test(text) && (keepLines || !/[\n\t]/.test(text))) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x1b && options.keepColour) {
      SGR.lastIndex = i;
      const m = SGR.exec(text);
      if (m) {
        out += m[0];
        i += m[0].length - 1;
        continue;
      }
    }
    out += isControl(code, keepLines) ? escapeChar(code) : text[i];
  }
  return out;
}
