import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * A small layout helper over pdfkit for A4 business documents: one embedded font with
 * Latin, Greek and Cyrillic coverage, a cursor that never writes below the bottom
 * margin, tables that repeat their header row on every page they run onto, and
 * "Page n of m" footers written once the page count is known.
 *
 * Every single-line text is placed by hand (`lineBreak: false`, x computed from the
 * measured width), and shrunk, then cut with an ellipsis, when it would not fit its
 * box: pdfkit's own wrapping would otherwise start new pages behind our back when a
 * line lands in the footer area, and long amounts would run into the next column.
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
function fontFiles() {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fonts = { regular: readFileSync(path.join(dir, 'DejaVuSans.ttf')), bold: readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')) };
  }
  return fonts;
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

export class PdfLayout {
  readonly doc: PDFKit.PDFDocument;
  private readonly info: DocumentInfo;

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
    const { regular, bold } = fontFiles();
    this.doc.registerFont(REGULAR, regular);
    this.doc.registerFont(BOLD, bold);
    this.doc.font(REGULAR).fillColor(COLORS.ink);
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

  style({ size = 9, bold = false, color = COLORS.ink }: TextStyle = {}): this {
    this.doc.font(bold ? BOLD : REGULAR).fontSize(size).fillColor(color);
    return this;
  }

  lineHeight(style: TextStyle = {}): number {
    this.style(style);
    return this.doc.currentLineHeight(true);
  }

  /**
   * One line of text in the box [x, x + width] at `y` (default: the cursor), aligned in
   * it, shrunk and then ellipsised so that it never leaves the box. Does not move the cursor.
   */
  place(text: string, x: number, width: number, { align = 'left', y = this.y, whole = false, ...style }: PlaceOptions = {}): void {
    const size = style.size ?? 9;
    this.style(style);
    let fitted = text;
    let fittedSize = size;
    // Down to 80% of the size first (60% for an amount, which is never cut), then cut the text.
    const smallest = size * (whole ? 0.6 : MIN_SHRINK);
    while (this.doc.widthOfString(fitted) > width && fittedSize > smallest) {
      fittedSize -= 0.25;
      this.doc.fontSize(fittedSize);
    }
    if (!whole && this.doc.widthOfString(fitted) > width) {
      while (fitted.length > 1 && this.doc.widthOfString(`${fitted}…`) > width) fitted = fitted.slice(0, -1);
      fitted = `${fitted.trimEnd()}…`;
    }
    const textWidth = this.doc.widthOfString(fitted);
    // Whole text too wide even so runs out on the side away from the page edge it is aligned to.
    const dx = align === 'right' ? width - textWidth : align === 'center' ? (width - textWidth) / 2 : 0;
    // A shrunk line moves down by the difference in ascent (DejaVu's is 0.93 em) to keep the row's baseline.
    this.doc.text(fitted, x + dx, y + 0.93 * (size - fittedSize), { lineBreak: false });
    this.doc.x = this.left;
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
    return this.doc.widthOfString(text) <= width;
  }

  /** Height of `text` wrapped to `width` in `style`. */
  heightOf(text: string, width: number, style: TextStyle = {}): number {
    this.style(style);
    return this.doc.heightOfString(text, { width });
  }

  /** Wrapped text at `y` in [x, x + width]; the caller has made sure it fits. Returns its height. */
  wrapped(text: string, x: number, y: number, width: number, style: TextStyle = {}): number {
    const height = this.heightOf(text, width, style);
    this.doc.text(text, x, y, { width, lineBreak: true });
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
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore();
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

    // A wrapping cell holding one word (a reference) that fits once shrunk a little stays
    // on one line rather than being broken mid-word; text with spaces wraps at them.
    const wraps = (cell: string, index: number, style: TextStyle) =>
      columns[index]!.wrap === true &&
      cell !== '' &&
      !this.fits(cell, widths[index]! - 2 * padX, { ...style, size: (style.size ?? 9) * (/\s/.test(cell) ? 1 : MIN_SHRINK) });
    const heightOfRow = (row: TableRow) =>
      2 * padY +
      Math.max(
        ...columns.map((_, index) => {
          const style = { size: fontSize, bold: row.bold ?? false };
          const cell = row.cells[index] ?? '';
          return wraps(cell, index, style) ? this.heightOf(cell, widths[index]! - 2 * padX, style) : this.lineHeight(style);
        }),
      );

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
    this.ensureSpace(headerHeight + (first ? heightOfRow(first) : 0));
    drawHeader();
    rows.forEach((row, index) => {
      const height = heightOfRow(row);
      const keep = index === rows.length - 1 ? (options.keepWithLast ?? 0) : 0;
      if (this.y + height + keep > this.bottom) {
        this.newPage();
        drawHeader();
      }
      const top = this.y;
      if (row.shaded) this.doc.save().rect(this.left, top, this.width, height).fill('#f7f9fb').restore();
      columns.forEach((column, index) => {
        const cell = row.cells[index] ?? '';
        if (!cell) return;
        const style = { size: fontSize, bold: row.bold ?? false };
        const x = xs[index]! + padX;
        const width = widths[index]! - 2 * padX;
        if (wraps(cell, index, style)) this.wrapped(cell, x, top + padY, width, style);
        else this.place(cell, x, width, { ...style, y: top + padY, align: column.align ?? 'left', whole: column.align === 'right' });
      });
      this.y = top + height;
      this.rule(this.y);
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
      const pageNumber = index - start + 1;
      const footerY = doc.page.height - MARGINS.bottom + 20;
      this.rule(footerY - 6, this.left, this.right, COLORS.rule);
      const label = `Page ${pageNumber} of ${count}`;
      this.style({ size: 8 });
      const labelWidth = doc.widthOfString(label) + 2;
      this.place(this.info.footer, this.left, this.width - labelWidth - 12, { y: footerY, size: 8, color: COLORS.muted });
      this.place(label, this.right - labelWidth, labelWidth, { y: footerY, size: 8, color: COLORS.muted, align: 'right' });
      if (pageNumber > 1) {
        this.place(this.info.runningHeader, this.left, this.width, { y: MARGINS.top - 26, size: 8, color: COLORS.muted });
        this.rule(MARGINS.top - 12);
      }
    }
    doc.end();
    return done;
  }
}
