import { describe, expect, it } from 'vitest';
import de from '../packages/elements/src/i18n/de/index.ts';
import en from '../packages/elements/src/i18n/en/index.ts';
import fr from '../packages/elements/src/i18n/fr/index.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('string catalogues', () => {
  for (const [name, catalogue] of [['fr', fr], ['de', de]] as const) {
    it(`${name} translates every English string, with the same placeholders`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        expect(placeholders(catalogue[key]!), `${name} ${key}`).toEqual(placeholders(text));
        expect(catalogue[key]!.trim(), `${name} ${key}`).not.toBe('');
      }
    });
  }

  it('defines each key in one area only, so merging the areas loses nothing', () => {
    const areas = import.meta.glob<{ default: Record<string, string> }>('../packages/elements/src/i18n/en/*.ts', { eager: true });
    const owner = new Map<string, string>();
    for (const [file, module] of Object.entries(areas)) {
      if (file.endsWith('index.ts')) continue;
      for (const key of Object.keys(module.default)) {
        expect(owner.get(key), `${key} in ${file}`).toBeUndefined();
        owner.set(key, file);
      }
    }
    expect(owner.size).toBe(Object.keys(en).length);
  });
});
