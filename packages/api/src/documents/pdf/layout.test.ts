import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../test/pdf-reader.ts';
import { COLORS, PdfLayout } from './layout.ts';

const INFO = { title: 'Test', author: 'Test', runningHeader: 'Header', footer: 'Footer' };

// Simple words, kerned pairs, ligatures, other scripts, combining marks, and a line
// break: the texts that take each way through place().
const LINES: { text: string; size: number; bold: boolean; color: string }[] = [
  { text: 'Nov 13, 2016', size: 8, bold: false, color: COLORS.ink },
  { text: '$19,451.20', size: 8, bold: true, color: COLORS.ink },
  { text: '-1 234,56 €', size: 9, bold: false, color: COLORS.muted },
  { text: 'AVATAR To Yo Wa — “office” fifty', size: 10.5, bold: false, color: COLORS.accent },
  { text: 'Ωμέγα Ltd · Жук и сыновья', size: 9, bold: true, color: COLORS.ink },
  { text: 'Cafe\u0301 bill', size: 8, bold: false, color: COLORS.ink },
  { text: 'STATEMENT', size: 20, bold: true, color: COLORS.accent },
  { text: 'Payment (bank transfer)', size: 7.5, bold: false, color: COLORS.muted },
  { text: 'two\nlines', size: 8, bold: false, color: COLORS.ink },
];

/** Page images (grey, 100 dpi) of a PDF, one buffer per page. */
function raster(pdf: Buffer): Buffer[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'ssp-layout-'));
  try {
    writeFileSync(path.join(dir, 'document.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '100', '-gray', path.join(dir, 'document.pdf'), path.join(dir, 'page')]);
    return readdirSync(dir)
      .filter((file) => file.startsWith('page'))
      .sort()
      .map((file) => readFileSync(path.join(dir, file)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('PdfLayout.place', () => {
  it('puts each line where, and as, pdfkit’s own text() puts it', async () => {
    const ours = new PdfLayout(INFO);
    const theirs = new PdfLayout(INFO);
    LINES.forEach(({ text, size, bold, color }, index) => {
      const y = 80 + index * 30;
      ours.place(text, 60, 400, { y, size, bold, color });
      theirs.style({ size, bold, color });
      theirs.doc.font(bold ? 'Sans-Bold' : 'Sans').fontSize(size).fillColor(color).text(text, 60, y, { lineBreak: false });
    });
    const [oursPdf, theirsPdf] = await Promise.all([ours.finish(), theirs.finish()]);
    const [oursRead, theirsRead] = [readPdf(oursPdf), readPdf(theirsPdf)];
    expect(oursRead.words.length).toBeGreaterThan(LINES.length);
    expect(oursRead.words).toEqual(theirsRead.words);
    expect(oursRead.fonts).toEqual(theirsRead.fonts);
    expect(raster(oursPdf)).toEqual(raster(theirsPdf));
  });

  it('leaves the cursor at the line’s top, as text() does', () => {
    const layout = new PdfLayout(INFO);
    layout.place('Closing balance', layout.left, 100, { y: 300, size: 10.5, bold: true });
    expect(layout.y).toBe(300);
    // Shrunk to fit: moved down by the difference in ascent.
    layout.place('A rather long line that cannot fit', layout.left, 60, { y: 320, size: 10, whole: true });
    expect(layout.y).toBeGreaterThan(320);
  });
});
