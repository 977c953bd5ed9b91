/**
 * Approximate text widths for laying out SVG text without a browser: per-character advance
 * widths of a Helvetica/Arial-like sans-serif font, in thousandths of the font size.
 */

const NARROW = new Map<string, number>([
  ...[...'iljI|\'.,:;!'].map((c): [string, number] => [c, 240]),
  ...[...'ft/\\[]() '].map((c): [string, number] => [c, 290]),
  ['r', 340], ['-', 340], ['*', 390], ['"', 360],
]);
const WIDE = new Map<string, number>([
  ['m', 840], ['w', 730], ['M', 840], ['W', 950], ['@', 1020], ['%', 890],
]);

/** The advance width of one character in thousandths of the font size. */
function advance(c: string): number {
  const known = NARROW.get(c) ?? WIDE.get(c);
  if (known !== undefined) return known;
  if (/[A-Z]/.test(c)) return 680;
  if (/[0-9]/.test(c)) return 560;
  if (/[a-z]/.test(c)) return 540;
  if (c === '_' || c === '=' || c === '+' || c === '<' || c === '>' || c === '~') return 590;
  if (c.charCodeAt(0) > 0x2000) return 1000; // arrows, dashes, symbols: generous
  return 600;
}

/** Renderers fall back to wider fonts (DejaVu Sans, Verdana): measure generously. */
const FALLBACK_FACTOR = 1.12;

/**
 * The approximate width in pixels of `text` at `fontSize` pixels; bold text is about 10% wider.
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let total = 0;
  for (const c of text) total += advance(c);
  return Math.ceil((total * fontSize * FALLBACK_FACTOR * (bold ? 1.1 : 1)) / 1000);
}
