// Arbitrary strings for property tests: full unicode, lone surrogates, and a dictionary of
// pieces that break naive YAML or GitHub templating.
import fc from 'fast-check';

/** Pieces that break naive YAML or GitHub templating. */
export const HOSTILE = [
  '\n', '\r\n', '\r', '${{ secrets.X }}', '${{', '}}', '$', '{{', '"', "'", '\\', ': ', ':', '#', ' #', '- ', '-',
  '{', '}', '[', ']', '&a', '*a', '!!', '!', '%', '@', '`', '|', '>', '?', ',', '\t', '\0', '\u0007', '\u001b',
  '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\ud800', '\udc00', '😀',
  '\u{10ffff}', 'true', 'null', '~', '0x1F', '1e3', '.inf', '---', '...', ' ', '',
];

const codeUnit = fc.nat({ max: 0xffff }).map((code) => String.fromCharCode(code));
const piece = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: codeUnit }),
  fc.string({ unit: 'grapheme' }),
);
/** Arbitrary strings: full unicode, lone surrogates, and the hostile dictionary mixed in. */
export const hostileString = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
