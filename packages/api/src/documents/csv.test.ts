import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvText, neutralise } from './csv.ts';
import type { Table } from './table.ts';

interface Row {
  text: string;
  amount: number;
  currency: string;
}

const table: Table<Row> = {
  sheet: 'Rows',
  currency: (row) => row.currency,
  columns: [
    { kind: 'text', header: 'Text', width: 10, value: (row) => row.text },
    { kind: 'amount', header: 'Amount', width: 10, value: (row) => row.amount },
  ],
};

describe('csv', () => {
  it('neutralises every formula lead character, and nothing else', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(neutralise(`${lead}1+1`)).toBe(`'${lead}1+1`);
    for (const text of ['INV-1', ' =1', "'=1", '', '1-1']) expect(neutralise(text)).toBe(text);
  });

  it('quotes a lone CR or LF as RFC 4180 asks, ends records in CRLF, and leaves negative amounts bare', () => {
    const text = csvText(table, [
      { text: 'a\rb', amount: -12345, currency: 'KWD' },
      { text: 'c\nd', amount: 5, currency: 'USD' },
      { text: '\ttab', amount: 1000, currency: 'JPY' },
    ]);
    expect(text).toBe('\ufeffText,Amount\r\n"a\rb",-12.345\r\n"c\nd",0.05\r\n\'\ttab,1000\r\n');
    expect(parse(text, { bom: true, record_delimiter: '\r\n' })).toEqual([['Text', 'Amount'], ['a\rb', '-12.345'], ['c\nd', '0.05'], ["'\ttab", '1000']]);
  });

  it('writes only the rows, without BOM or header, for a later chunk', () => {
    expect(csvText(table, [{ text: 'x', amount: 1, currency: 'USD' }], false)).toBe('x,0.01\r\n');
  });
});
