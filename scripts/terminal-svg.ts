// A captured terminal pane (with its SGR colour sequences) as an SVG picture for the README.
// Used by scripts/tui-screenshot.ts (the wizard) and scripts/fleet-screenshot.ts (doctor's table).

// One Dark-ish palette for the 16 basic colours Ink uses.
const PALETTE: Record<number, string> = {
  30: '#5c6370', 31: '#e06c75', 32: '#98c379', 33: '#e5c07b', 34: '#61afef', 35: '#c678dd', 36: '#56b6c2', 37: '#dcdfe4',
  90: '#7f848e', 91: '#e06c75', 92: '#98c379', 93: '#e5c07b', 94: '#61afef', 95: '#c678dd', 96: '#56b6c2', 97: '#ffffff',
};
const FG = '#dcdfe4';
const BG = '#21252b';
const CELL = { w: 8.4, h: 18 };

interface Style { fg?: string; bold: boolean; dim: boolean; inverse: boolean }
interface Run { col: number; text: string; style: Style }

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One captured line (with SGR sequences) as runs of equally styled text at their columns. */
function parseLine(line: string): Run[] {
  const runs: Run[] = [];
  let style: Style = { bold: false, dim: false, inverse: false };
  let col = 0;
  for (const part of line.split(/(\u001b\[[0-9;]*m)/)) {
    const sgr = /^\u001b\[([0-9;]*)m$/.exec(part);
    if (sgr) {
      const codes = (sgr[1] || '0').split(';').map(Number);
      for (let i = 0; i < codes.length; i++) {
        const c = codes[i]!;
        if (c === 0) style = { bold: false, dim: false, inverse: false };
        else if (c === 1) style = { ...style, bold: true };
        else if (c === 2) style = { ...style, dim: true };
        else if (c === 22) style = { ...style, bold: false, dim: false };
        else if (c === 7) style = { ...style, inverse: true };
        else if (c === 27) style = { ...style, inverse: false };
        else if (c === 39) style = { ...style, fg: undefined };
        else if (PALETTE[c]) style = { ...style, fg: PALETTE[c] };
        else if (c === 38 || c === 48) i += codes[i + 1] === 5 ? 2 : 4; // 256/true colour: not used by the wizard
      }
      continue;
    }
    if (part === '') continue;
    runs.push({ col, text: part, style });
    col += [...part].length;
  }
  return runs;
}

export function toSvg(capture: string, title: string, columns: number, rows: number): string {
  const lines = capture.replace(/\n$/, '').split('\n').slice(0, rows);
  // The pane is taller than a short screen: leave out the empty rows below it.
  while (lines.length > 1 && lines[lines.length - 1]!.replace(/\u001b\[[0-9;]*m/g, '').trim() === '') lines.pop();
  rows = lines.length + 1;
  const pad = 16;
  const bar = 28;
  const width = Math.ceil(columns * CELL.w + pad * 2);
  const height = Math.ceil(rows * CELL.h + pad * 2 + bar);
  const body: string[] = [];
  lines.forEach((line, row) => {
    const y = bar + pad + row * CELL.h;
    for (const run of parseLine(line)) {
      const x = pad + run.col * CELL.w;
      const fg = run.style.fg ?? FG;
      const len = [...run.text].length;
      if (run.style.inverse) body.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${(len * CELL.w).toFixed(1)}" height="${CELL.h}" fill="${fg}"/>`);
      if (run.text.trim() === '') continue;
      const attrs = [
        `x="${x.toFixed(1)}"`,
        `y="${y + CELL.h - 5}"`,
        `fill="${run.style.inverse ? BG : fg}"`,
        run.style.bold ? 'font-weight="bold"' : '',
        run.style.dim ? 'opacity="0.6"' : '',
        `textLength="${(len * CELL.w).toFixed(1)}"`,
        'lengthAdjust="spacingAndGlyphs"',
      ].filter(Boolean);
      body.push(`<text ${attrs.join(' ')}>${escapeXml(run.text)}</text>`);
    }
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" rx="8" fill="${BG}"/>`,
    ...['#ff5f56', '#ffbd2e', '#27c93f'].map((c, i) => `<circle cx="${pad + 6 + i * 20}" cy="${bar / 2 + 2}" r="6" fill="${c}"/>`),
    `<g font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace" font-size="14" xml:space="preserve">`,
    ...body,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

