import fc from 'fast-check';

/**
 * fast-check arbitraries from the OpenAPI document, whose schemas are the zod schemas
 * of packages/schemas turned into JSON Schema: so every route's params, query and body
 * get generators without a second description of them. `valid` aims inside the schema
 * (to reach the handlers); `hostile` breaks one spot of a valid value.
 */
// biome-ignore lint: JSON Schema is untyped here.
type Schema = any;

export interface Generators {
  /** Ids that exist in the fuzzed tenant, so that some generated requests reach real records. */
  knownIds: string[];
  /** Every optional property too (for sweeps that visit every field). */
  allKeys?: boolean;
}

/** The strings most likely to break a layer below the schema: PostgreSQL text, LIKE patterns, sizes, encodings, markup. */
export const WORST_STRINGS = ['\u0000', 'a\u0000b', '\uD800x', "'; DROP TABLE invoices; --", '<script>alert(1)</script>', '%_\\', 'x'.repeat(70_000), '😀'.repeat(300)];

/** A cursor of the API's own shape (base64url JSON `[sort, key, id]`) with hostile contents. */
export function forgedCursor(sort: string, key: unknown, id: unknown): string {
  return Buffer.from(JSON.stringify([sort, key, id])).toString('base64url');
}

export const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\u202Egnp.exe', '\uFEFF', '\r\n\r\n', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀', 'Ω≈ç√∫', 'ｆｕｌｌｗｉｄｔｈ',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR '1'='1", "'; DROP TABLE invoices; --", '%', '_', '\\', '%00', '%2e%2e%2f',
  '../../../etc/passwd', '${7*7}', '{{7*7}}', 'NaN', 'Infinity', '-0', '1e309', '9007199254740993', '0x10', 'null', 'true', '[]', '{}',
  'USD', '2026-02-30', '0000-00-00', '9999-12-31', '2026-06-15T25:00:00Z', 'a'.repeat(600), 'é'.repeat(3000), 'x'.repeat(70_000),
];
export const HOSTILE_NUMBERS = [-1, 0, 0.5, -0.0001, 1.5, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, 2 ** 63, 1e21, Number.MIN_VALUE, 9_007_199_254_740_991];
const HOSTILE_OTHER: unknown[] = [null, true, false, [], {}, [[[[[]]]]], { $gt: '' }, { __proto__: { polluted: true } }, ['a', 1, null]];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(...HOSTILE_OTHER),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double({ noNaN: true }),
);

export function resolve(doc: Schema, schema: Schema): Schema {
  let current = schema;
  while (current && typeof current.$ref === 'string') {
    const path = current.$ref.replace(/^#\//, '').split('/');
    current = path.reduce((node: Schema, key: string) => node[key], doc);
  }
  return current;
}

/** Values the schema accepts, mostly: dates and ids are drawn from real-looking sets. */
export function valid(doc: Schema, schema: Schema, gen: Generators, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  if (!s || depth > 8) return fc.constant(null);
  if (s.anyOf || s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf).map((option: Schema) => valid(doc, option, gen, depth + 1)));
  if (s.enum) return fc.constantFrom(...s.enum);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type: string) => valid(doc, { ...s, type }, gen, depth)));
  switch (s.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.oneof(
        fc.integer({ min: Math.max(s.minimum ?? -1e6, -1e6), max: Math.min(s.maximum ?? 1e6, 1e6) }),
        fc.constantFrom(...[s.minimum, s.maximum].filter((n) => typeof n === 'number')),
      );
    case 'number':
      return fc.double({ min: Math.max(s.minimum ?? -1e6, -1e6), max: Math.min(s.maximum ?? 1e6, 1e6), noNaN: true });
    case 'array':
      return fc.array(valid(doc, s.items ?? {}, gen, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, 3) });
    case 'object': {
      const properties: Record<string, Schema> = s.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(properties)) record[key] = valid(doc, value, gen, depth + 1);
      return fc.record(record, { requiredKeys: gen.allKeys ? Object.keys(record) : (s.required ?? []).filter((key: string) => key in record) });
    }
    case 'string':
      return validString(s, gen);
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.constant(null));
  }
}

function validString(s: Schema, gen: Generators): fc.Arbitrary<string> {
  if (s.format === 'date') return fc.date({ min: new Date('2019-01-01'), max: new Date('2031-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'email') return fc.emailAddress();
  if (s.pattern === '^[A-Z]{3}$') return fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'XXX', 'ABC');
  if (typeof s.pattern === 'string' && s.pattern.startsWith('^[A-Za-z0-9]')) {
    return gen.knownIds.length ? fc.oneof(fc.constantFrom(...gen.knownIds), fc.stringMatching(/^[a-z0-9]{1,12}$/)) : fc.stringMatching(/^[a-z0-9]{1,12}$/);
  }
  if (typeof s.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((value) => value.length <= (s.maxLength ?? 200));
    } catch {
      return fc.string();
    }
  }
  return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
}

/** Every place in a JSON value, as key paths (the root is []). */
export function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => out.push(...paths(item, [...prefix, index])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) out.push(...paths(item, [...prefix, key]));
  return out;
}

export function replaceAt(value: unknown, path: (string | number)[], replacement: unknown, remove: boolean): unknown {
  if (!path.length) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    if (remove && !rest.length) copy.splice(head as number, 1);
    else copy[head as number] = replaceAt(copy[head as number], rest, replacement, remove);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (remove && !rest.length) delete copy[head as string];
  else copy[head as string] = replaceAt(copy[head as string], rest, replacement, remove);
  return copy;
}

/** A valid value with one spot replaced by something hostile, removed, or joined by an unexpected key. */
export function hostile(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(base, hostileValue, fc.nat(), fc.constantFrom('replace', 'replace', 'remove', 'extra')).map(([value, bad, pick, how]) => {
    const all = paths(value);
    const path = all[pick % all.length]!;
    if (how === 'extra' && value && typeof value === 'object' && !Array.isArray(value)) return { ...(value as object), unexpected: bad };
    return replaceAt(value, path, bad, how === 'remove' && path.length > 0);
  });
}
