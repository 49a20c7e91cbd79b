import { z } from '@hono/zod-openapi';

/**
 * What a downloaded document goes out with: a meaningful file name
 * (`invoice-INV-1042.pdf`) in Content-Disposition, its type, and no caching.
 */

/**
 * A piece of a file name from data the host chose (an invoice number): letters and
 * digits of any script, `.`, `_` and `-` stay; anything else (slashes, spaces, quotes,
 * control characters) becomes `-`. Never empty, never a dot file, at most 80 characters.
 */
export function fileNamePart(value: string): string {
  const cleaned = value
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return cleaned || 'document';
}

/**
 * `attachment; filename="…"` with an ASCII fallback, plus RFC 6266's `filename*` in
 * UTF-8 when the name has other characters, so that every browser saves a sensible name.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  if (ascii === fileName) return `attachment; filename="${ascii}"`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Headers of a downloaded document: its type, its file name, and no copy kept by any cache on the way. */
export const attachmentHeaders = (contentType: string, fileName: string) => ({
  'Content-Type': contentType,
  'Content-Disposition': contentDisposition(fileName),
  'Cache-Control': 'private, no-store',
});

/** A Buffer as the plain Uint8Array view that Hono's `c.body` takes (no copy). */
export const bytes = (buffer: Buffer) => new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);

/** OpenAPI schema of a binary response body. */
export const BinaryBody = z.string().meta({ format: 'binary' });
