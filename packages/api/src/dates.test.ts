import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, monthOf } from './dates.ts';

describe('calendar dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts whole days between dates, ignoring daylight saving', () => {
    expect(daysBetween('2026-03-31', '2026-06-15')).toBe(76);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-06-15', '2026-06-01')).toBe(-14);
  });

  it('names months relative to a date', () => {
    expect(monthOf('2026-06-15')).toBe('2026-06');
    expect(monthOf('2026-06-15', -11)).toBe('2025-07');
    expect(monthOf('2026-01-31', 1)).toBe('2026-02');
    expect(monthOf('2026-01-05', -1)).toBe('2025-12');
    expect(monthOf('2026-12-05', 1)).toBe('2027-01');
    expect(monthOf('2026-03-05', -27)).toBe('2023-12');
    // Every offset over four years agrees with the calendar.
    for (let offset = -24; offset <= 24; offset += 1) {
      expect(monthOf('2026-06-15', offset)).toBe(new Date(Date.UTC(2026, 5 + offset, 1)).toISOString().slice(0, 7));
    }
  });
});
