// pdfkit's built-in Helvetica is a WinAnsi (Windows-1252) font: it prints Zoë, Seán or Müller, but a character
// outside that set (王芳, Cyrillic, emoji) would come out as garbage. No installed package ships a TTF with CJK
// glyphs, so such characters print as '?' in the PDF; the CSV export and the screens keep the full text.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function printable(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch);
}

/** Text safe for the standard PDF fonts: composed accents, line breaks kept, other controls and unknown characters replaced. */
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    out += ch === '\n' || printable(ch) ? ch : ch.codePointAt(0)! < 0x20 ? ' ' : '?';
  }
  return out;
}
