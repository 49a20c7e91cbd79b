import type { Customer } from '@ssp/schemas';
import type { Tenant } from '../../db/database.ts';
import { COLORS, type PdfLayout } from './layout.ts';

const LOGO_BOX = { width: 120, height: 48 };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The name a tenant prints on its documents. */
export function tenantDisplayName(tenant: Pick<Tenant, 'name' | 'settings'>): string {
  return tenant.settings.displayName?.trim() || tenant.name;
}

/** Whether `bytes` start like a PNG file (the only logo format documents take). */
export function isPng(bytes: Buffer): boolean {
  return bytes.length > PNG_SIGNATURE.length && bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE);
}

/**
 * The top of the first page: the tenant's logo, name and address on the left, the
 * document's title on the right. Leaves the cursor below both.
 */
export function drawLetterhead(layout: PdfLayout, tenant: Pick<Tenant, 'name' | 'settings'>, title: string): void {
  const top = layout.y;
  const logoWidth = drawLogo(layout, tenant.settings.logoPng, layout.left, top);
  const x = layout.left + logoWidth + 14;
  const titleWidth = 170;
  const textWidth = layout.right - titleWidth - x - 12;
  layout.place(title, layout.right - titleWidth, titleWidth, { y: top, size: 20, bold: true, color: COLORS.accent, align: 'right' });

  layout.y = top;
  // Names and addresses wrap rather than lose words: they are the point of a letterhead.
  layout.paragraph(tenantDisplayName(tenant), { x, width: textWidth, size: 13, bold: true });
  layout.moveDown(1);
  for (const addressLine of tenant.settings.address ?? []) layout.paragraph(addressLine, { x, width: textWidth, size: 8.5, color: COLORS.muted });
  layout.y = Math.max(layout.y, top + LOGO_BOX.height) + 18;
}

/** The tenant's PNG logo fitted in its box, or a plain drawn mark; returns the width used. */
function drawLogo(layout: PdfLayout, logoPng: string | undefined, x: number, y: number): number {
  const doc = layout.doc;
  if (logoPng) {
    const bytes = Buffer.from(logoPng, 'base64');
    if (isPng(bytes) && bytes.length >= 24 && bytes.readUInt32BE(16) > 0 && bytes.readUInt32BE(20) > 0) {
      // IHDR is the first chunk: width and height are big-endian at bytes 16 and 20.
      const width = bytes.readUInt32BE(16);
      const height = bytes.readUInt32BE(20);
      try {
        const scale = Math.min(LOGO_BOX.width / width, LOGO_BOX.height / height);
        doc.image(bytes, x, y, { width: width * scale, height: height * scale });
        return width * scale;
      } catch {
        // An unreadable PNG must not cost the customer their document: draw the mark instead.
      }
    }
  }
  const size = 44;
  doc.save().roundedRect(x, y + 2, size, size, 8).fill(COLORS.accent);
  doc.fillColor('#ffffff');
  for (const [index, length] of [26, 20, 14].entries()) doc.rect(x + 9, y + 13 + index * 8, length, 4).fill();
  doc.restore();
  return size;
}

/** A label over lines of text (e.g. "Bill to" and the customer's address); returns the height used. */
export function drawBlock(layout: PdfLayout, label: string, lines: string[], x: number, width: number, top: number): number {
  layout.y = top;
  layout.line(label.toUpperCase(), { x, width, size: 7.5, bold: true, color: COLORS.muted });
  layout.moveDown(2);
  lines.forEach((text, index) => layout.paragraph(text, { x, width, size: index === 0 ? 10 : 9, bold: index === 0 }));
  return layout.y - top;
}

/** Label/value pairs, labels left and values right in [x, x + width]; returns the height used. */
export function drawPairs(layout: PdfLayout, pairs: [string, string][], x: number, width: number, top: number, style: { size?: number } = {}): number {
  const size = style.size ?? 9;
  const height = layout.lineHeight({ size }) + 2;
  const labelWidth = Math.min(110, width * 0.45);
  pairs.forEach(([label, value], index) => {
    const y = top + index * height;
    layout.place(label, x, labelWidth, { y, size, color: COLORS.muted });
    layout.place(value, x + labelWidth, width - labelWidth, { y, size, align: 'right', whole: true });
  });
  return pairs.length * height;
}

/** The customer's billing details: name, postal address, email. */
export function billingLines(customer: Customer, locale: string): string[] {
  const address = customer.address;
  const lines = [customer.name];
  if (address) {
    lines.push(address.line1);
    if (address.line2) lines.push(address.line2);
    lines.push([address.city, [address.region, address.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', '));
    lines.push(countryName(address.country, locale));
  }
  if (customer.email) lines.push(customer.email);
  return lines;
}

function countryName(code: string, locale: string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export type Mark = 'paid' | 'overdue' | 'void' | 'partially_paid' | 'open';

const MARKS: Record<Mark, { text: string; color: string }> = {
  paid: { text: 'PAID', color: '#1e7a46' },
  overdue: { text: 'OVERDUE', color: '#b42318' },
  void: { text: 'VOID', color: '#5f6b7a' },
  partially_paid: { text: 'PARTIALLY PAID', color: '#a15c07' },
  open: { text: 'OPEN', color: '#2f5f8a' },
};

/** A stamp-like box with the status in words (colour only repeats it). */
export function drawStatusMark(layout: PdfLayout, status: Mark, x: number, y: number, width: number): number {
  const { text, color } = MARKS[status];
  const height = 26;
  layout.doc.save().lineWidth(1.5).strokeColor(color).roundedRect(x, y, width, height, 4).stroke().restore();
  layout.place(text, x + 6, width - 12, { y: y + 6.5, size: 12, bold: true, color, align: 'center' });
  return height;
}
