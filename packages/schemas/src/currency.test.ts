import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, isKnownCurrency, toMajorUnits } from './currency.ts';

describe('currency exponents', () => {
  it('follows ISO 4217 minor units', () => {
    expect(['JPY', 'KRW', 'CLP', 'VND'].map(currencyExponent)).toEqual([0, 0, 0, 0]);
    expect(['USD', 'EUR', 'GBP', 'IDR', 'HUF'].map(currencyExponent)).toEqual([2, 2, 2, 2, 2]);
    expect(['KWD', 'BHD', 'JOD', 'OMR', 'TND'].map(currencyExponent)).toEqual([3, 3, 3, 3, 3]);
    expect(currencyExponent('CLF')).toBe(4);
  });

  it('knows real codes and refuses made-up ones', () => {
    expect(isKnownCurrency('USD')).toBe(true);
    expect(isKnownCurrency('KWD')).toBe(true);
    expect(isKnownCurrency('XYZ')).toBe(false);
  });

  it('writes minor units as exact decimal strings', () => {
    expect(toMajorUnits(12345, 'USD')).toBe('123.45');
    expect(toMajorUnits(-5, 'USD')).toBe('-0.05');
    expect(toMajorUnits(12345, 'KWD')).toBe('12.345');
    expect(toMajorUnits(1000, 'JPY')).toBe('1000');
    expect(toMajorUnits(0, 'KWD')).toBe('0.000');
  });

  it('round-trips every safe integer through the decimal string in 0-, 2- and 3-decimal currencies', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom('JPY', 'USD', 'KWD'), (minor, currency) => {
        const text = toMajorUnits(minor, currency);
        expect(BigInt(text.replace('.', ''))).toBe(BigInt(minor));
        expect(text.split('.')[1]?.length ?? 0).toBe(currencyExponent(currency));
      }),
    );
  });
});
