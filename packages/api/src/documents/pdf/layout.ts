import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { type EmbeddedFont, type GlyphRun, shape } from './glyph-runs.ts';

/**
 * A small layout helper over pdfkit for A4 business documents: one embedded font with
 * Latin, Greek and Cyrillic coverage, a cursor that never writes below the bottom
 * margin, tables that repeat their header row on every page they run onto, and
 * "Page n of m" footers written once the page count is known.
 *
 * Every single-line text is placed by hand (x computed from the measured width), and
 * shrunk, then cut with an ellipsis, when it would not fit its box: pdfkit's own wrapping
 * would otherwise start new pages behind our back when a line lands in the footer area,
 * and long amounts would run into the next column.
 *
 * Single lines (most of a long statement: 70,000 table cells for 10,000 lines) are also
 * measured and written here rather than through `doc.text`: each is shaped once
 * (glyph-runs.ts) and written as the very operators pdfkit's `text` writes, in one write,
 * with the fill colour set only when it changes. Through `doc.text` each cell was shaped
 * three or four times and written as a dozen small buffers; a 10,000-line statement took
 * seconds, most of it in fontkit and the garbage collector.
 */

/** The smallest a line of text is shrunk to (of its size) before it is cut or wrapped. */
const MIN_SHRINK = 0.8;

const REGULAR = 'Sans';
const BOLD = 'Sans-Bold';

/** A4 in points, with room for the running header and footer outside the margins. */
const MARGINS = { top: 56, bottom: 56, left: 48, right: 48 };

export const COLORS = {
  ink: '#1f2933',
  muted: '#5f6b7a',
  rule: '#d5dbe1',
  headerFill: '#edf1f5',
  accent: '#2f5f8a',
};

let fonts: { regular: Buffer; bold: Buffer } | undefined;

// DejaVu Sans: read once per process; pdfkit subsets what each document uses.
export function fontFiles() {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fonts = { regular: readFileSync(path.join(dir, 'DejaVuSans.ttf')), bold: readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')) };
  }
  return fonts;
}

type ParsedFont = EmbeddedFont['font'];
let parsed: { regular: ParsedFont; bold: ParsedFont } | undefined;

/**
 * The fonts parsed once per process and shared by every document. pdfkit takes a fontkit
 * font as a font source; given the file, it parses it again for each document: the
 * tables a document needs (character map, metrics, substitution and positioning rules)
 * cost 20–40 ms per document before a word is written. A document's subset of the font
 * is its own either way, and fontkit's work is synchronous, so sharing is safe.
 */
function parsedFonts(): { regular: ParsedFont; bold: ParsedFont } {
  if (!parsed) {
    const files = fontFiles();
    // pdfkit parses a font file it is given; its parse is taken from a scratch document.
    const scratch = new PDFDocument({ autoFirstPage: false });
    const parse = (file: Buffer) => (scratch.font(file) as unknown as { _font: EmbeddedFont })._font.font;
    parsed = { regular: parse(files.regular), bold: parse(files.bold) };
  }
  return parsed;
}

export type Align = 'left' | 'right' | 'center';

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: string;
}

export interface Column {
  header: string;
  /** Points; a column without a width takes what the others leave. */
  width?: number;
  align?: Align;
  /** Wrap onto several lines instead of shrinking to one. */
  wrap?: boolean;
}

/** Text that must never be cut (amounts): it may shrink further instead. */
interface PlaceOptions extends TextStyle {
  align?: Align;
  y?: number;
  whole?: boolean;
}

export interface TableRow {
  cells: string[];
  bold?: boolean;
  shaded?: boolean;
}

export interface TableOptions {
  fontSize?: number;
  /** Space between a cell's text and its left and right edges. */
  padX?: number;
  /** Space kept below the last row (for the totals that follow), so that they never start a page alone. */
  keepWithLast?: number;
}

export interface DocumentInfo {
  title: string;
  author: string;
  subject?: string;
  /** Shown at the top of every page after the first. */
  runningHeader: string;
  /** Left part of every footer (the right part is "Page n of m"). */
  footer: string;
}

/** A number as pdfkit writes it into a content stream. */
const pdfNumber = (value: number) => Math.round(value * 1e6) / 1e6;

/** `#rrggbb` as pdfkit writes the colour: each part / 255, in JavaScript's notation. */
const rgbCache = new Map<string, string>();
function rgb(color: string): string {
  let found = rgbCache.get(color);
  if (!found) {
    const hex = parseInt(color.slice(1), 16);
    found = [hex >> 16, (hex >> 8) & 0xff, hex & 0xff].map((part) => part / 255).join(' ');
    rgbCache.set(color, found);
  }
  return found;
}

/**
 * The width of a run at `size`, computed as pdfkit's `widthOfString` computes it, to the
 * last bit: shrinking, cutting and wrapping decide on it, and must decide as before.
 */
const widthAt = (run: GlyphRun, size: number) => ((run.width * (size / 1000) + 0) * 100) / 100;

/** pdfkit's document internals that writing text by hand needs (not in @types/pdfkit). */
interface DocumentInternals {
  _font: EmbeddedFont;
  page: PDFKit.PDFPage & { fonts: Record<string, unknown>; write(chunk: Uint8Array): void };
}

/** A page's content stream as pdfkit keeps it until the document ends (not in @types/pdfkit). */
interface ContentStream {
  buffer: Uint8Array[];
  compress: boolean;
  data: { Filter?: string };
}

/**
 * Deflate level of the pages' content. pdfkit deflates at zlib's default (6): for the
 * 7.5 MB of content of a 10,000-line statement that was 86 ms; level 1 takes 25 ms for
 * a file 20% larger (about what it was before its text was written by hand).
 */
const CONTENT_DEFLATE_LEVEL = 1;

/** Shaped texts kept for the cell being measured and drawn; dropped wholesale when full. */
const SHAPED_KEPT = 256;

export class PdfLayout {
  readonly doc: PDFKit.PDFDocument;
  private readonly info: DocumentInfo;
  /** The colour text is to be drawn in (set by `style`). */
  private fill = COLORS.ink;
  /** The fill colour and the font (`name size`) the current page's content has set, when known. */
  private painted: string | undefined;
  private textFont: string | undefined;
  /** Content held back to be written in one piece (see beginBatch). */
  private pending: string | undefined;
  private size = 9;
  private readonly shaped = new Map<EmbeddedFont, Map<string, GlyphRun>>();
  /** Per font, each glyph's id in the embedded subset, as hex for the content stream. */
  private readonly glyphCodes = new Map<EmbeddedFont, Map<number, string>>();

  constructor(info: DocumentInfo) {
    this.info = info;
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGINS,
      bufferPages: true,
      autoFirstPage: true,
      info: { Title: info.title, Author: info.author, ...(info.subject ? { Subject: info.subject } : {}), Creator: 'Self-Service Portal' },
      lang: 'en',
      displayTitle: true,
    });
    const { regular, bold } = parsedFonts();
    this.doc.registerFont(REGULAR, regular as unknown as Buffer);
    this.doc.registerFont(BOLD, bold as unknown as Buffer);
    this.doc.font(REGULAR).fillColor(COLORS.ink);
    this.painted = COLORS.ink;
    // A new page's content starts from the default graphics state.
    this.doc.on('pageAdded', () => this.forgetPageState());
  }

  private forgetPageState(): void {
    this.painted = undefined;
    this.textFont = undefined;
  }

  private get internals(): DocumentInternals {
    return this.doc as unknown as DocumentInternals;
  }

  /**
   * Operators (lines, without the last line break) added to the page's content as
   * `doc.addContent` adds them, but encoded by Buffer rather than pdfkit's byte-by-byte
   * loop: the content of a long statement is megabytes of text.
   */
  private addContent(operators: string): void {
    if (this.pending !== undefined) this.pending += `${operators}\n`;
    else this.internals.page.write(Buffer.from(`${operators}\n`, 'latin1'));
  }

  /** Collects what is added until `endBatch`, to write it in one piece (a table row). */
  private beginBatch(): void {
    this.pending = '';
  }

  private endBatch(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.internals.page.write(Buffer.from(pending, 'latin1'));
  }

  get left(): number {
    return MARGINS.left;
  }

  get right(): number {
    return this.doc.page.width - MARGINS.right;
  }

  get width(): number {
    return this.right - this.left;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  /** The lowest y that content may reach on this page. */
  get bottom(): number {
    return this.doc.page.height - MARGINS.bottom;
  }

  /** The height between the top and bottom margins of a page. */
  get pageContentHeight(): number {
    return this.doc.page.height - MARGINS.top - MARGINS.bottom;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGINS.top;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  moveDown(points: number): void {
    this.y += points;
  }

  /** Sets the font and size for what follows; text drawn after it takes `color`. */
  style({ size = 9, bold = false, color = COLORS.ink }: TextStyle = {}): this {
    this.setStyle(size, bold, color);
    return this;
  }

  private setStyle(size: number, bold: boolean, color: string): void {
    this.doc.font(bold ? BOLD : REGULAR).fontSize(size);
    this.size = size;
    this.fill = color;
  }

  /** The fill colour operators, when the content's fill is not already `fill`. */
  private paintOperators(): string {
    if (this.painted === this.fill) return '';
    this.painted = this.fill;
    return `/DeviceRGB cs\n${rgb(this.fill)} scn\n`;
  }

  /** pdfkit's own drawing, in the text colour, after whatever content is held back. */
  private viaPdfkit(draw: () => void): void {
    const operators = this.paintOperators();
    if (operators) this.addContent(operators.trimEnd());
    const batching = this.pending !== undefined;
    this.endBatch();
    draw();
    if (batching) this.beginBatch();
  }

  /** `text` shaped in the current font. */
  private shape(text: string): GlyphRun {
    const font = this.internals._font;
    let kept = this.shaped.get(font);
    if (!kept) {
      kept = new Map();
      this.shaped.set(font, kept);
    }
    let run = kept.get(text);
    if (!run) {
      if (kept.size >= SHAPED_KEPT) kept.clear();
      run = shape(font, text);
      kept.set(text, run);
    }
    return run;
  }

  lineHeight(style: TextStyle = {}): number {
    this.style(style);
    return this.doc.currentLineHeight(true);
  }

  /**
   * One line of text in the box [x, x + width] at `y` (default: the cursor), aligned in
   * it, shrunk and then ellipsised so that it never leaves the box. Does not move the cursor.
   */
  place(text: string, x: number, width: number, { align = 'left', y = this.y, whole = false, size = 9, bold = false, color = COLORS.ink }: PlaceOptions = {}): void {
    this.fitLine(text, x, width, y, size, bold, color, align, whole);
  }

  /** {@link place} with its options one by one (table cells: 70,000 for a long statement). */
  private fitLine(text: string, x: number, width: number, y: number, size: number, bold: boolean, color: string, align: Align, whole: boolean): void {
    this.setStyle(size, bold, color);
    let fitted = text;
    let run = this.shape(fitted);
    let fittedSize = size;
    // Down to 80% of the size first (60% for an amount, which is never cut), then cut the text.
    const smallest = size * (whole ? 0.6 : MIN_SHRINK);
    while (widthAt(run, fittedSize) > width && fittedSize > smallest) fittedSize -= 0.25;
    if (!whole && widthAt(run, fittedSize) > width) {
      while (fitted.length > 1 && widthAt(this.shape(`${fitted}…`), fittedSize) > width) fitted = fitted.slice(0, -1);
      fitted = `${fitted.trimEnd()}…`;
      run = this.shape(fitted);
    }
    if (fittedSize !== size) {
      this.doc.fontSize(fittedSize);
      this.size = fittedSize;
    }
    const textWidth = widthAt(run, fittedSize);
    // Whole text too wide even so runs out on the side away from the page edge it is aligned to.
    const dx = align === 'right' ? width - textWidth : align === 'center' ? (width - textWidth) / 2 : 0;
    // A shrunk line moves down by the difference in ascent (DejaVu's is 0.93 em) to keep the row's baseline.
    const top = y + 0.93 * (size - fittedSize);
    if (run.offset || fitted.includes('\n')) {
      // Marks placed off their pen position, or line breaks: pdfkit's text() knows how.
      this.viaPdfkit(() => this.doc.text(fitted, x + dx, top, { lineBreak: false }));
    } else if (fitted) {
      this.write(run, x + dx, top);
    }
    // Where pdfkit's text() leaves its cursor, as callers have always found it.
    this.doc.x = this.left;
    this.doc.y = top;
  }

  /**
   * A shaped line with its top at y, in the current font, size and colour: the glyphs and
   * kerning pdfkit's `text(…, { lineBreak: false })` writes, in one write of a text object
   * of its own. pdfkit also wraps each text in q/Q and turns the page's top-down
   * coordinates back up (`1 0 0 -1 0 h cm`) to place it from the bottom; here the text
   * matrix turns them instead (`1 0 0 -1 x y Tm`, the same point), and the colour and font
   * are set only when they change (they carry over from one text object to the next).
   */
  private write(run: GlyphRun, x: number, y: number): void {
    const internals = this.internals;
    const font = internals._font;
    const page = internals.page;
    page.fonts[font.id] ??= font.ref();
    let codes = this.glyphCodes.get(font);
    if (!codes) {
      codes = new Map();
      this.glyphCodes.set(font, codes);
    }
    // What pdfkit's font.encode records of each glyph (in the subset, its width and its
    // text), and the glyphs in runs between kerning adjustments, as its _fragment writes them.
    let runs = '';
    let glyphs = '';
    const last = run.glyphs.length - 1;
    run.glyphs.forEach((glyph, index) => {
      let code = codes.get(glyph.id);
      if (code === undefined) {
        const id = font.subset.includeGlyph(glyph.id);
        code = `0000${id.toString(16)}`.slice(-4);
        font.widths[id] ??= glyph.advanceWidth * font.scale;
        font.unicode[id] ??= glyph.codePoints;
        codes.set(glyph.id, code);
      }
      glyphs += code;
      const adjustment = run.xAdvances[index]! - run.advanceWidths[index]!;
      if (adjustment !== 0 || index === last) {
        runs += `${runs ? ' ' : ''}<${glyphs}> ${pdfNumber(-adjustment)}`;
        glyphs = '';
      }
    });
    const baseline = y + (font.ascender / 1000) * this.size;
    const textFont = `/${font.id} ${pdfNumber(this.size)}`;
    const setFont = textFont === this.textFont ? '' : `${textFont} Tf\n`;
    this.textFont = textFont;
    this.addContent(`${this.paintOperators()}BT\n${setFont}1 0 0 -1 ${pdfNumber(x)} ${pdfNumber(baseline)} Tm\n[${runs}] TJ\nET`);
  }

  /** One line at the cursor across the content width; moves the cursor below it. */
  line(text: string, style: TextStyle & { align?: Align; x?: number; width?: number } = {}): void {
    const x = style.x ?? this.left;
    const height = this.lineHeight(style);
    this.ensureSpace(height);
    this.place(text, x, style.width ?? this.right - x, style);
    this.y += height;
  }

  /** Whether `text` fits `width` on one line in `style`. */
  fits(text: string, width: number, style: TextStyle = {}): boolean {
    this.style(style);
    return widthAt(this.shape(text), this.size) <= width;
  }

  /** Height of `text` wrapped to `width` in `style`. */
  heightOf(text: string, width: number, style: TextStyle = {}): number {
    this.style(style);
    return this.doc.heightOfString(text, { width });
  }

  /** Wrapped text at `y` in [x, x + width]; the caller has made sure it fits. Returns its height. */
  wrapped(text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
    const height = this.heightOf(text, width, style);
    this.viaPdfkit(() => this.doc.text(text, x, y, { width, lineBreak: true }));
    this.doc.x = this.left;
    return height;
  }

  /** A paragraph across [x, x + width] at the cursor, on a new page when it would not fit. */
  paragraph(text: string, style: TextStyle & { x?: number; width?: number } = {}): void {
    const x = style.x ?? this.left;
    const width = style.width ?? this.right - x;
    const height = this.heightOf(text, width, style);
    this.ensureSpace(height);
    const top = this.y;
    this.wrapped(text, x, top, width, style);
    this.y = top + height;
  }

  rule(y = this.y, x1 = this.left, x2 = this.right, color = COLORS.rule, width = 0.5): void {
    // doc.save().moveTo().lineTo().lineWidth().strokeColor().stroke().restore(), in one write.
    const [from, to, at] = [x1, x2, y].map(pdfNumber);
    this.addContent(`q\n${from} ${at} m\n${to} ${at} l\n${pdfNumber(width)} w\n/DeviceRGB CS\n${rgb(color)} SCN\nS\nQ`);
  }

  /**
   * A table from the cursor: a shaded header row, then the rows; a row that would cross
   * the bottom margin goes to a new page, and the header row is drawn again above it.
   * The header and the first row are kept together.
   */
  table(columns: Column[], rows: TableRow[], options: TableOptions = {}): void {
    const fontSize = options.fontSize ?? 8.5;
    const headerSize = fontSize - 0.5;
    const padX = options.padX ?? 4;
    const padY = 3.5;
    const fixed = columns.reduce((sum, column) => sum + (column.width ?? 0), 0);
    const flexible = columns.filter((column) => column.width === undefined).length;
    const widths = columns.map((column) => column.width ?? Math.max(24, (this.width - fixed) / Math.max(1, flexible)));
    const xs = widths.map((_, index) => this.left + widths.slice(0, index).reduce((sum, width) => sum + width, 0));
    const headerHeight = this.lineHeight({ size: headerSize, bold: true }) + 2 * padY;

    const lineHeights = [this.lineHeight({ size: fontSize }), this.lineHeight({ size: fontSize, bold: true })];
    // Which cells of a row wrap. A wrapping cell holding one word (a reference) that fits
    // once shrunk a little stays on one line rather than being broken mid-word; text with
    // spaces wraps at them.
    const wrapping = (row: TableRow) =>
      columns.map((column, index) => {
        const cell = row.cells[index] ?? '';
        return column.wrap === true && cell !== '' && !this.fits(cell, widths[index]! - 2 * padX, { size: fontSize * (/\s/.test(cell) ? 1 : MIN_SHRINK), bold: row.bold ?? false });
      });
    const heightOfRow = (row: TableRow, wraps: boolean[]) => {
      let tallest = 0;
      for (let index = 0; index < columns.length; index += 1) {
        const height = wraps[index] ? this.heightOf(row.cells[index]!, widths[index]! - 2 * padX, { size: fontSize, bold: row.bold ?? false }) : lineHeights[row.bold ? 1 : 0]!;
        tallest = Math.max(tallest, height);
      }
      return 2 * padY + tallest;
    };

    const drawHeader = () => {
      const top = this.y;
      this.doc.save().rect(this.left, top, this.width, headerHeight).fill(COLORS.headerFill).restore();
      columns.forEach((column, index) => {
        this.place(column.header, xs[index]! + padX, widths[index]! - 2 * padX, {
          y: top + padY, size: headerSize, bold: true, color: COLORS.muted, align: column.align ?? 'left',
        });
      });
      this.y = top + headerHeight;
    };

    const first = rows[0];
    this.ensureSpace(headerHeight + (first ? heightOfRow(first, wrapping(first)) : 0));
    drawHeader();
    rows.forEach((row, index) => {
      const wraps = wrapping(row);
      const height = heightOfRow(row, wraps);
      const keep = index === rows.length - 1 ? (options.keepWithLast ?? 0) : 0;
      if (this.y + height + keep > this.bottom) {
        this.newPage();
        drawHeader();
      }
      const top = this.y;
      if (row.shaded) this.doc.save().rect(this.left, top, this.width, height).fill('#f7f9fb').restore();
      const bold = row.bold ?? false;
      this.beginBatch();
      columns.forEach((column, index) => {
        const cell = row.cells[index] ?? '';
        if (!cell) return;
        const x = xs[index]! + padX;
        const width = widths[index]! - 2 * padX;
        if (wraps[index]) this.wrapped(cell, x, top + padY, width, { size: fontSize, bold });
        else this.fitLine(cell, x, width, top + padY, fontSize, bold, COLORS.ink, column.align ?? 'left', column.align === 'right');
      });
      this.y = top + height;
      this.rule(this.y);
      this.endBatch();
    });
  }

  /**
   * Writes the running header (pages 2+) and "Page n of m" on every page, then ends the
   * document and resolves with its bytes.
   */
  finish(): Promise<Buffer> {
    const doc = this.doc;
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    const { start, count } = doc.bufferedPageRange();
    for (let index = start; index < start + count; index += 1) {
      doc.switchToPage(index);
      // Appended to the page's content, after whatever it last set.
      this.forgetPageState();
      const pageNumber = index - start + 1;
      const footerY = doc.page.height - MARGINS.bottom + 20;
      this.rule(footerY - 6, this.left, this.right, COLORS.rule);
      const label = `Page ${pageNumber} of ${count}`;
      this.style({ size: 8 });
      const labelWidth = widthAt(this.shape(label), this.size) + 2;
      this.place(this.info.footer, this.left, this.width - labelWidth - 12, { y: footerY, size: 8, color: COLORS.muted });
      this.place(label, this.right - labelWidth, labelWidth, { y: footerY, size: 8, color: COLORS.muted, align: 'right' });
      if (pageNumber > 1) {
        this.place(this.info.runningHeader, this.left, this.width, { y: MARGINS.top - 26, size: 8, color: COLORS.muted });
        this.rule(MARGINS.top - 12);
      }
      const content = doc.page.content as unknown as ContentStream;
      if (content.compress) {
        content.buffer = [deflateSync(Buffer.concat(content.buffer), { level: CONTENT_DEFLATE_LEVEL })];
        content.compress = false;
        content.data.Filter = 'FlateDecode';
      }
    }
    doc.end();
    return done;
  }
}
