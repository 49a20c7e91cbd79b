/**
 * The theming and API reference in docs/embedding.md, generated from
 * custom-elements.json (itself generated from the classes' JSDoc), so the guide cannot
 * drift from the code: `npm run docs:reference` rewrites the section between the
 * markers; test/embedding-reference.test.ts fails when it is out of date.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
export const DOC = join(root, 'docs/embedding.md');
export const START = '<!-- reference:start — generated from custom-elements.json by `npm run docs:reference`; do not edit by hand -->';
export const END = '<!-- reference:end -->';

interface Described {
  name: string;
  description?: string;
}
interface Member extends Described {
  kind: string;
  static?: boolean;
  privacy?: string;
  readonly?: boolean;
  attribute?: string;
  type?: { text: string };
  default?: string;
}
interface Attribute extends Described {
  type?: { text: string };
  default?: string;
}
interface Declaration extends Described {
  tagName?: string;
  summary?: string;
  attributes?: Attribute[];
  members?: Member[];
  events?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
  slots?: Described[];
}
export interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

const cell = (text: string | undefined) => (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text: string | undefined) => (text ? `\`${text.replace(/\|/g, '\\|')}\`` : '');

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** The generated section (without the markers). */
export function renderReference(manifest: Manifest): string {
  const elements = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration): declaration is Declaration & { tagName: string } => Boolean(declaration.tagName))
    .sort((a, b) => a.tagName.localeCompare(b.tagName));

  const tokens = new Map<string, { description: string; tags: string[] }>();
  for (const element of elements) {
    for (const property of element.cssProperties ?? []) {
      const entry = tokens.get(property.name) ?? { description: cell(property.description), tags: [] };
      entry.tags.push(element.tagName);
      tokens.set(property.name, entry);
    }
  }

  const out: string[] = [];
  out.push('### Tokens by element\n');
  out.push('The `--ssp-*` custom properties each element documents (defaults and the full list: [theming.md](theming.md#tokens)).\n');
  out.push(table(['token', 'what it styles (first description)', 'elements'], [...tokens].sort(([a], [b]) => a.localeCompare(b)).map(([name, entry]) => [code(name), entry.description, entry.tags.map((tag) => code(tag)).join(', ')])));

  for (const element of elements) {
    out.push(`\n### \`<${element.tagName}>\`\n`);
    const summary = cell(element.description?.split(/\n\s*\n/)[0]);
    if (summary) out.push(`${summary}\n`);
    if (element.attributes?.length) {
      out.push(table(['attribute', 'type', 'default', 'meaning'], element.attributes.map((attribute) => [code(attribute.name), code(attribute.type?.text), code(attribute.default), cell(attribute.description)])));
      out.push('');
    }
    const properties = (element.members ?? []).filter((member) => member.kind === 'field' && !member.static && !member.readonly && !member.attribute && (member.privacy ?? 'public') === 'public' && member.description);
    if (properties.length) {
      out.push(table(['property (JavaScript only)', 'type', 'meaning'], properties.map((member) => [code(member.name), code(member.type?.text), cell(member.description)])));
      out.push('');
    }
    if (element.events?.length) {
      out.push(table(['event', 'when'], element.events.map((event) => [code(event.name), cell(event.description)])));
      out.push('');
    }
    if (element.cssParts?.length) {
      out.push(`Parts: ${element.cssParts.map((part) => `${code(part.name)}${part.description ? ` (${cell(part.description)})` : ''}`).join(', ')}.\n`);
    }
    if (element.slots?.length) {
      out.push(`Slots: ${element.slots.map((slot) => `${slot.name ? code(slot.name) : 'default'}${slot.description ? ` (${cell(slot.description)})` : ''}`).join(', ')}.\n`);
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/** `doc` with the section between the markers replaced by `section`. */
export function spliceReference(doc: string, section: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/embedding.md lacks the reference markers`);
  return `${doc.slice(0, start + START.length)}\n\n${section}\n${doc.slice(end)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const manifest = JSON.parse(await readFile(join(root, 'packages/elements/custom-elements.json'), 'utf8')) as Manifest;
  await writeFile(DOC, spliceReference(await readFile(DOC, 'utf8'), renderReference(manifest)));
  console.log('docs/embedding.md: reference section regenerated from custom-elements.json');
}
