import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { type EmbeddedFont, shape } from './glyph-runs.ts';
import { fontFiles } from './layout.ts';

/** A fresh document's embedded fonts, as PdfLayout registers them. */
function fonts(): { regular: EmbeddedFont; bold: EmbeddedFont } {
  const doc = new PDFDocument();
  const files = fontFiles();
  doc.registerFont('regular', files.regular);
  doc.registerFont('bold', files.bold);
  const take = (name: string) => (doc.font(name) as unknown as { _font: EmbeddedFont })._font;
  return { regular: take('regular'), bold: take('bold') };
}

/** What shape() gives and what pdfkit's own layout gives, side by side, for many texts at once. */
function compare(font: EmbeddedFont, texts: string[]) {
  const layout = font as unknown as { layout(text: string): { glyphs: { id: number }[]; positions: { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]; advanceWidth: number } };
  const ours = texts.map((text) => {
    const run = shape(font, text);
    return { text, glyphs: run.glyphs.map((glyph) => glyph.id), xAdvances: run.xAdvances, advanceWidths: run.advanceWidths, width: run.width, offset: run.offset };
  });
  const pdfkit = texts.map((text) => {
    const run = layout.layout(text);
    return {
      text,
      glyphs: run.glyphs.map((glyph) => glyph.id),
      xAdvances: run.positions.map((position) => position.xAdvance),
      advanceWidths: run.positions.map((position) => position.advanceWidth),
      width: run.advanceWidth,
      offset: run.positions.some((position) => position.xOffset !== 0 || position.yOffset !== 0),
    };
  });
  expect(ours).toEqual(pdfkit);
}

/** Counts the words shape() hands to pdfkit's shaper. */
function shapedByPdfkit(font: EmbeddedFont, text: string): number {
  const original = font.layoutCached;
  let count = 0;
  font.layoutCached = (word) => {
    count += 1;
    return original.call(font, word);
  };
  try {
    shape(font, text);
  } finally {
    font.layoutCached = original;
  }
  return count;
}

// Deterministic pseudo-random texts (a linear congruential generator), so a failure repeats.
function randomTexts(alphabet: string[], count: number, seed: number): string[] {
  let state = seed;
  const next = (below: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % below;
  };
  return Array.from({ length: count }, () => Array.from({ length: 1 + next(14) }, () => alphabet[next(alphabet.length)]!).join(''));
}

const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, index) => String.fromCharCode(0x20 + index));
const LATIN_1 = [...'ÀÁÂÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÖØÙÚÛÜÝßàáâäåæçèéêëìíîïñòóôöøùúûüýÿ¡¿«»°±·×÷§¶©®'];
const MONEY = [...'\u00a0\u202f\u2019\u2212€£¥₹₽₩₺₪¤¢'];
const OTHER = [...'fiflffiΑΒΓαβγΔЖжЩщ', '\u0301', '\u0308', '\u00ad', '\u200e', 'שׁ', 'ع', '😀'];

const amounts = [0, 1, -1, 5, 99, 100, 1234, -1234, 123456, 1000000, 19451_20, -98765432, 100000000001];
const currencies = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'SEK', 'INR', 'RUB', 'PLN', 'BRL', 'KWD'];
const locales = ['en', 'en-GB', 'en-IN', 'de-DE', 'de-CH', 'fr-FR', 'fr-CH', 'es-ES', 'it-IT', 'nl-NL', 'sv-SE', 'pl-PL', 'pt-BR', 'ru-RU', 'ja-JP', 'ar-EG', 'he-IL', 'el-GR'];

function documentTexts(): string[] {
  const texts: string[] = [];
  for (const locale of locales) {
    for (const currency of currencies) {
      const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
      for (const amount of amounts) texts.push(format.format(amount / 100));
    }
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    for (const day of ['2016-11-13', '2024-02-29', '2026-05-01', '2026-12-31']) {
      const date = dates.format(new Date(`${day}T00:00:00Z`));
      texts.push(date, `Due ${date}`, `${date} – ${date}`);
    }
  }
  texts.push(
    'NW-009986', 'NW-REMIT-9951', 'INV-2026-0001', 'ch_3NbXk2LkdIwHu7ix0aB1cD2e', 'Payment (bank transfer)', 'Payment (card)', 'Credit note',
    'Goodwill credit for the outage of 14 March', 'Opening balance', 'Totals', 'Over 90 days', '1–30 days', 'Page 17 of 233',
    'Acme Utilities Ltd · Statement of account', 'Statement · Northwind Wholesale (large account) · Nov 13, 2016 – Nov 22, 2026',
    'AVATAR To Yo Wa LT', '“Quoted” ‘text’ — dash… end', ' leading and trailing  spaces ', 'tab\tseparated', '',
  );
  return texts;
}

describe('shape', () => {
  const { regular, bold } = fonts();

  it('gives pdfkit’s glyphs and advances for every pair of ASCII characters, in both fonts', () => {
    const pairs = ASCII.flatMap((first) => ASCII.map((second) => first + second));
    compare(regular, pairs);
    compare(bold, pairs);
  });

  it('gives pdfkit’s glyphs and advances for the money, dates and words of documents in many locales', () => {
    const texts = documentTexts();
    compare(regular, texts);
    compare(bold, texts);
  });

  it('gives pdfkit’s glyphs and advances for random text, simple or not (ligatures, Greek, Cyrillic, marks, RTL, emoji)', () => {
    const alphabet = [...ASCII, ...LATIN_1, ...MONEY, ...OTHER];
    compare(regular, randomTexts(alphabet, 3_000, 7));
    compare(bold, randomTexts(alphabet, 1_000, 11));
  });

  it('shapes amounts, dates and references itself, and leaves ligatures and other scripts to pdfkit', () => {
    const { regular: font } = fonts();
    for (const simple of ['$19,451.20', '-€1.234,56', '1 234,56 €', 'Nov 13, 2016', 'NW-REMIT-9951', 'CHF 12’345.00']) {
      expect(shapedByPdfkit(font, simple), simple).toBe(0);
    }
    expect(shapedByPdfkit(font, 'office')).toBe(1);
    expect(shapedByPdfkit(font, 'Ωμέγα Ltd')).toBe(1);
    expect(shapedByPdfkit(font, 'Cafe\u0301 Ltd')).toBe(1);
  });
});
