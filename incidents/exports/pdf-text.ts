/** Characters outside WinAnsi that breachwatch's texts use, spelled so the standard PDF fonts can show them. */
const REPLACEMENTS: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '✓': 'ok',
  '✗': 'x',
  '−': '-',
  '…': '...',
};

/**
 * Text the PDF's standard fonts (Helvetica, WinAnsi encoding) render faithfully: known symbols spelled out,
 * anything else outside Latin-1 and WinAnsi's punctuation shown as `?` rather than as wrong glyphs.
 */
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text) {
    const r = REPLACEMENTS[ch];
    if (r !== undefined) out += r;
    else if (/[\t\n\x20-\x7e\xa0-\xff–—‘’“”„‚‹›•€™†‡‰ŠšŒœŽžŸƒ]/.test(ch)) out += ch;
    else out += '?';
  }
  return out;
}
