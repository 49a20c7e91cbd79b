import ExcelJS from 'exceljs';
import { readPdf } from '../pdf-reader.ts';

/**
 * What a person could read in a response: the JSON or CSV text, the text of a PDF (as
 * a PDF viewer shows it), the cells of a spreadsheet, or the frames of an event stream.
 */
export async function readableText(response: Response): Promise<string> {
  const type = response.headers.get('content-type') ?? '';
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (type.startsWith('application/pdf')) return readPdf(bytes).text;
  if (type.includes('spreadsheetml')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => {
      cells.push(sheet.name);
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? ''))));
    });
    return cells.join('\n');
  }
  return new TextDecoder().decode(bytes);
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The markers of another party found in `text`, leaving out what the request itself
 * named (a 404 may repeat the id it was asked for: that is the caller's own input, not
 * a leak). Numbers must stand alone, so that 12,345.67 is not found inside 112,345.67.
 */
export function leaks(text: string, markers: string[], request: string): string[] {
  return markers.filter((marker) => {
    if (request.includes(marker)) return false;
    if (/^[\d.,]+$/.test(marker)) return new RegExp(`(?<![0-9])${escape(marker)}(?![0-9])`).test(text);
    return text.includes(marker);
  });
}
