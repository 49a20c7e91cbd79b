import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/**
 * PDFs read back with poppler's command-line tools (Debian's poppler-utils), as a
 * person's PDF viewer would see them: text in layout order, one string per page.
 */
export interface ReadPdf {
  /** `pdftotext -layout`, every page; no-break spaces (U+00A0, U+202F) made plain spaces. */
  text: string;
  pages: string[];
  /** Every word with its box, in points from the page's top left (`pdftotext -bbox`). */
  words: { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }[];
  pageSize: { width: number; height: number };
  /** `pdffonts`: name and whether embedded. */
  fonts: { name: string; embedded: boolean }[];
  /** Images placed on the pages (`pdfimages -list`). */
  images: number;
}

export function readPdf(bytes: Uint8Array): ReadPdf {
  const dir = mkdtempSync(path.join(tmpdir(), 'ssp-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, bytes);
    const run = (tool: string, ...args: string[]) => execFileSync(tool, [...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const text = normaliseSpaces(run('pdftotext', '-layout', '-enc', 'UTF-8', file, '-'));
    const pages = text.split('\f').slice(0, -1);
    const bbox = run('pdftotext', '-bbox', '-enc', 'UTF-8', file, '-');
    const size = bbox.match(/<page width="([\d.]+)" height="([\d.]+)">/);
    const words: ReadPdf['words'] = [];
    bbox.split('<page ').slice(1).forEach((page, index) => {
      for (const match of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        words.push({ page: index + 1, xMin: Number(match[1]), yMin: Number(match[2]), xMax: Number(match[3]), yMax: Number(match[4]), text: match[5]! });
      }
    });
    const fonts = run('pdffonts', file)
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => ({ name: line.split(/\s+/)[0]!, embedded: / CID TrueType\s+Identity-H\s+yes /.test(line) }));
    const images = run('pdfimages', '-list', file).split('\n').slice(2).filter(Boolean).length;
    return { text, pages, words, pageSize: { width: Number(size?.[1]), height: Number(size?.[2]) }, fonts, images };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function normaliseSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** Collapses runs of spaces, so that a table row reads as one line of single-spaced cells. */
export function lines(page: string): string[] {
  return page.split('\n').map((line) => line.trim().replace(/ {2,}/g, ' | ')).filter(Boolean);
}

/** A valid RGB PNG of one colour, made here so that the tests need no image file. */
export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
