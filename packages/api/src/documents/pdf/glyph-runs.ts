/**
 * Text shaped for a pdfkit embedded font: the glyphs and their advances that pdfkit's own
 * `font.layout` gives, without running fontkit's OpenType shaper for every distinct word.
 *
 * pdfkit shapes each word (text up to and including a space or tab) with fontkit and
 * caches the result per document. A statement of 10,000 lines has some 30,000 words that
 * occur once (amounts, running balances, references), and shaping each one (GSUB and GPOS
 * lookups, ~0.1 ms) was a third of the PDF's time and much of its garbage.
 *
 * Most of those words are made of "simple" characters: ones that no substitution and no
 * positioning other than pair kerning can touch in this font (found from the font's own
 * tables, once per process). A word of simple characters shapes to the characters' own
 * glyphs with their advances, each adjusted by the kerning of the pair it starts: pair
 * kerning, found by asking fontkit to shape that pair in the word's script, and cached.
 * Any other word goes to pdfkit's shaper as before. glyph-runs.test.ts holds the two
 * paths to the same glyphs and advances.
 */

/** A fontkit glyph, as far as shaping results go. */
interface Glyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface FontkitRun {
  glyphs: Glyph[];
  positions: Position[];
}

/** The fontkit font pdfkit wraps; only what is read here. */
interface FontkitFont {
  postscriptName: string;
  unitsPerEm: number;
  glyphForCodePoint(codePoint: number): Glyph;
  layout(text: string, features?: undefined, script?: string): FontkitRun;
  GSUB?: LayoutTable;
  GPOS?: LayoutTable;
  GDEF?: { glyphClassDef?: ClassDef };
}

type Table = Record<string, unknown>;
interface LayoutTable {
  scriptList: { tag: string; script: { defaultLangSys?: { featureIndexes: number[] }; langSysRecords: { langSys: { featureIndexes: number[] } }[] } }[];
  featureList: { tag: string; feature: { lookupListIndexes: number[] } }[];
  lookupList: { get(index: number): { lookupType: number; subTables: unknown } };
}
type ClassDef = { version: 1; startGlyph: number; classValueArray: unknown } | { version: 2; classRangeRecord: unknown };

/**
 * pdfkit's EmbeddedFont (not in @types/pdfkit): its fontkit font, its scale to 1000 units
 * per em, its word cache, and what it records of the glyphs a document uses (the subset
 * and the widths and code points of the embedded font's tables).
 */
export interface EmbeddedFont {
  id: string;
  font: FontkitFont;
  scale: number;
  ascender: number;
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  layoutCached(word: string): FontkitRun & { advanceWidth: number };
  ref(): unknown;
}

/** A shaped text: pdfkit's glyphs and positions (in 1000ths of the font size). */
export interface GlyphRun {
  glyphs: Glyph[];
  /** Advance of each glyph with kerning. */
  xAdvances: number[];
  /** Advance of each glyph on its own. */
  advanceWidths: number[];
  /** Whether some glyph is moved off its pen position (a mark): such text is left to pdfkit. */
  offset: boolean;
  /** The sum of the advances, added up word by word as pdfkit adds them. */
  width: number;
}

// Features fontkit's default shaper applies in a Latin or script-less run; opt-in ones
// (aalt, case, dlig, hlig, salt, …) are not applied, so they cannot touch a run.
const APPLIED = new Set(['ccmp', 'locl', 'rlig', 'calt', 'clig', 'liga', 'rclt', 'rvrn', 'ltra', 'ltrm', 'frac', 'numr', 'dnom', 'curs', 'kern', 'mark', 'mkmk']);
// The scripts fontkit picks for text of Latin letters and common characters only.
const SCRIPTS = ['latn', 'DFLT', 'dflt'];
const PAIR_POSITIONING = 2;
const MARK_ATTACHMENT = new Set([4, 5, 6]);
const GDEF_MARK = 3;

// Candidates: printable ASCII and Latin-1 (but the soft hyphen, which fontkit hides), and
// the spaces, punctuation and currency signs that money formats use.
const CANDIDATE = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u00ff\u2010-\u2027\u202f\u2030-\u205e\u2212\u20a0-\u20cf]$/u;
const LATIN = /^\p{Script=Latin}$/u;
const COMMON = /^\p{Script=Common}$/u;

interface SimpleGlyph extends Glyph {
  latin: boolean;
}

/** What one font file allows, learnt once per process (the font's bytes never change). */
class FontFacts {
  private readonly touched: Set<number>;
  private readonly marks: (glyphId: number) => boolean;
  private readonly simple = new Map<number, SimpleGlyph | null>();
  /** Per script, by first glyph id × 2^16 + second glyph id. */
  private readonly kerning = new Map<string, Map<number, number | null>>();

  constructor(font: FontkitFont) {
    this.touched = touchedGlyphs(font);
    const classes = font.GDEF?.glyphClassDef;
    this.marks = classes ? (glyphId) => classOf(classes, glyphId) === GDEF_MARK : () => false;
  }

  /** The glyph of a simple character, or null when the character is not simple. */
  glyph(font: FontkitFont, codePoint: number): SimpleGlyph | null {
    let found = this.simple.get(codePoint);
    if (found === undefined) {
      found = null;
      const char = String.fromCodePoint(codePoint);
      const latin = LATIN.test(char);
      if (CANDIDATE.test(char) && (latin || COMMON.test(char))) {
        const glyph = font.glyphForCodePoint(codePoint);
        if (glyph.id !== 0 && !this.touched.has(glyph.id) && !this.marks(glyph.id)) {
          found = { id: glyph.id, codePoints: [codePoint], advanceWidth: glyph.advanceWidth, latin };
        }
      }
      this.simple.set(codePoint, found);
    }
    return found;
  }

  /** Kerning (font units) of the pair `first second` in `script`, or null when fontkit does more with the pair than kern it. */
  kern(font: FontkitFont, script: string, first: SimpleGlyph, second: SimpleGlyph): number | null {
    let pairs = this.kerning.get(script);
    if (!pairs) {
      pairs = new Map();
      this.kerning.set(script, pairs);
    }
    const key = first.id * 0x10000 + second.id;
    let found = pairs.get(key);
    if (found === undefined) {
      const run = font.layout(String.fromCodePoint(first.codePoints[0]!, second.codePoints[0]!), undefined, script);
      const [a, b] = run.positions;
      const plain =
        run.glyphs.length === 2 && run.glyphs[0]!.id === first.id && run.glyphs[1]!.id === second.id &&
        a!.xOffset === 0 && a!.yOffset === 0 && a!.yAdvance === 0 &&
        b!.xOffset === 0 && b!.yOffset === 0 && b!.yAdvance === 0 && b!.xAdvance === second.advanceWidth;
      found = plain ? a!.xAdvance - first.advanceWidth : null;
      pairs.set(key, found);
    }
    return found;
  }
}

const facts = new Map<string, FontFacts>();
const factsByFont = new WeakMap<FontkitFont, FontFacts>();

function factsOf(font: FontkitFont): FontFacts {
  let found = factsByFont.get(font);
  if (!found) {
    // Each document opens its own fontkit font: the facts are kept per font file (by name
    // and size in units), learnt from the first document that uses it.
    const key = `${font.postscriptName} ${font.unitsPerEm}`;
    found = facts.get(key) ?? new FontFacts(font);
    facts.set(key, found);
    factsByFont.set(font, found);
  }
  return found;
}

/**
 * `text` shaped in `font` as pdfkit's `font.layout(text)` shapes it: word by word (a word
 * ends after a space or tab), simple words here, others by pdfkit (and its word cache).
 */
export function shape(font: EmbeddedFont, text: string): GlyphRun {
  const run: GlyphRun = { glyphs: [], xAdvances: [], advanceWidths: [], offset: false, width: 0 };
  const fontFacts = factsOf(font.font);
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === 0x20 || char === 0x09 || index === text.length - 1) {
      if (!addSimpleWord(run, font, fontFacts, text, start, index + 1)) addShapedWord(run, font.layoutCached(text.slice(start, index + 1)));
      start = index + 1;
    }
  }
  return run;
}

// The glyphs and kerning of the word at hand (reused: a statement has tens of thousands of words).
const wordGlyphs: SimpleGlyph[] = [];
const wordKerning: number[] = [];

/** Adds text[start, end) if it is a word of simple characters; false when it is not. */
function addSimpleWord(run: GlyphRun, font: EmbeddedFont, fontFacts: FontFacts, text: string, start: number, end: number): boolean {
  wordGlyphs.length = 0;
  wordKerning.length = 0;
  let latin = false;
  for (let index = start; index < end; index += 1) {
    const glyph = fontFacts.glyph(font.font, text.charCodeAt(index));
    if (!glyph) return false;
    latin ||= glyph.latin;
    wordGlyphs.push(glyph);
  }
  // The script fontkit finds for the word: Latin when it has a Latin letter, else none.
  const script = latin ? 'latn' : 'zzzz';
  for (let index = 0; index < wordGlyphs.length; index += 1) {
    const next = wordGlyphs[index + 1];
    const kern = next ? fontFacts.kern(font.font, script, wordGlyphs[index]!, next) : 0;
    if (kern === null) return false;
    wordKerning.push(kern);
  }
  // As pdfkit scales fontkit's positions: each advance in font units, times the scale.
  let width = 0;
  for (let index = 0; index < wordGlyphs.length; index += 1) {
    const glyph = wordGlyphs[index]!;
    const xAdvance = (glyph.advanceWidth + wordKerning[index]!) * font.scale;
    run.glyphs.push(glyph);
    run.xAdvances.push(xAdvance);
    run.advanceWidths.push(glyph.advanceWidth * font.scale);
    width += xAdvance;
  }
  run.width += width;
  return true;
}

function addShapedWord(run: GlyphRun, shaped: FontkitRun & { advanceWidth: number }): void {
  shaped.glyphs.forEach((glyph, index) => {
    const position = shaped.positions[index]!;
    run.glyphs.push(glyph);
    run.xAdvances.push(position.xAdvance);
    run.advanceWidths.push(position.advanceWidth);
    if (position.xOffset || position.yOffset) run.offset = true;
  });
  run.width += shaped.advanceWidth;
}

/**
 * Every glyph that a substitution, or a positioning other than pair kerning, could apply
 * to in a Latin or script-less run: the coverage tables of the lookups of the features
 * fontkit applies there (all of a lookup's coverages, to be safe, but only the marks of
 * mark attachment, which moves marks and leaves the glyphs they attach to in place).
 */
function touchedGlyphs(font: FontkitFont): Set<number> {
  const touched = new Set<number>();
  const collect = (table: LayoutTable | undefined, positioning: boolean) => {
    if (!table) return;
    const lookups = new Set<number>();
    for (const { tag, script } of table.scriptList) {
      if (!SCRIPTS.includes(tag)) continue;
      for (const langSys of [script.defaultLangSys, ...script.langSysRecords.map((record) => record.langSys)]) {
        for (const index of langSys?.featureIndexes ?? []) {
          const feature = table.featureList[index]!;
          if (APPLIED.has(feature.tag)) for (const lookup of feature.feature.lookupListIndexes) lookups.add(lookup);
        }
      }
    }
    for (const index of lookups) {
      const lookup = table.lookupList.get(index);
      if (positioning && lookup.lookupType === PAIR_POSITIONING) continue;
      for (const subTable of list<Table>(lookup.subTables)) {
        const inner = (subTable.extension as Table | undefined) ?? subTable;
        const type = (subTable.extension ? subTable.lookupType : lookup.lookupType) as number;
        if (positioning && type === PAIR_POSITIONING) continue;
        if (positioning && MARK_ATTACHMENT.has(type)) {
          for (const coverage of [inner.markCoverage, inner.mark1Coverage]) if (coverage) addCoverage(touched, coverage as Table);
        } else {
          addCoverages(touched, inner);
        }
      }
    }
  };
  collect(font.GSUB, false);
  collect(font.GPOS, true);
  return touched;
}

/** Adds the glyphs of every coverage table among `table`'s fields (and arrays of them). */
function addCoverages(touched: Set<number>, table: Table): void {
  for (const [key, value] of Object.entries(table)) {
    if (!/coverage/i.test(key) || !value) continue;
    if (isCoverage(value)) addCoverage(touched, value);
    else for (const coverage of list<Table>(value)) addCoverage(touched, coverage);
  }
}

const isCoverage = (value: unknown): value is Table => typeof value === 'object' && value !== null && 'version' in value && ('glyphs' in value || 'rangeRecords' in value);

function addCoverage(touched: Set<number>, coverage: Table): void {
  for (const glyph of list<number>(coverage.glyphs)) touched.add(glyph);
  for (const range of list<{ start: number; end: number }>(coverage.rangeRecords)) {
    for (let glyph = range.start; glyph <= range.end; glyph += 1) touched.add(glyph);
  }
}

function classOf(classes: ClassDef, glyphId: number): number {
  if (classes.version === 1) {
    const values = list<number>(classes.classValueArray);
    const offset = glyphId - classes.startGlyph;
    return offset >= 0 && offset < values.length ? values[offset]! : 0;
  }
  for (const range of list<{ start: number; end: number; class: number }>(classes.classRangeRecord)) {
    if (glyphId >= range.start && glyphId <= range.end) return range.class;
  }
  return 0;
}

/** A parsed array of fontkit's tables: a plain array, or a lazy one. */
function list<T>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[];
  if (value && typeof (value as { toArray?: unknown }).toArray === 'function') return (value as { toArray(): T[] }).toArray();
  return [];
}
