import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { amountFormat, zipBacklog } from './xlsx.ts';

describe('xlsx', () => {
  it("finds where exceljs leaves a sheet's XML waiting for zlib (private fields: this fails if an upgrade moves them)", async () => {
    const output = new PassThrough();
    output.resume();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet('Sheet');
    sheet.addRow(['a', 1]).commit();
    const backlog = zipBacklog(sheet);
    expect(backlog).toBeDefined();
    expect(typeof backlog!._writableState.length).toBe('number');
    sheet.commit();
    await workbook.commit();
  });

  it("formats amounts with the currency's ISO 4217 decimals", () => {
    expect([amountFormat('JPY'), amountFormat('USD'), amountFormat('KWD'), amountFormat('CLF')]).toEqual(['#,##0', '#,##0.00', '#,##0.000', '#,##0.0000']);
  });
});
