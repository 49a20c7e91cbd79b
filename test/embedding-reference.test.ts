import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC, END, type Manifest, START, renderReference } from '../packages/elements/scripts/reference.ts';

const ELEMENTS = join(import.meta.dirname, '../packages/elements');

/**
 * docs/embedding.md's reference section is generated from custom-elements.json; this
 * regenerates the manifest from the source (into a directory of its own) and fails when
 * the committed section differs: run `npm run docs:reference`.
 */
describe('docs/embedding.md reference', () => {
  it('matches the manifest generated from the elements’ source', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ssp-manifest-'));
    try {
      // The analyzer resolves outdir against its working directory.
      const config = join(dir, 'config.mjs');
      await writeFile(config, `import config from ${JSON.stringify(join(ELEMENTS, 'custom-elements-manifest.config.mjs'))};\nexport default { ...config, outdir: ${JSON.stringify(relative(ELEMENTS, dir))} };\n`);
      execFileSync(process.execPath, [join(ELEMENTS, '../../node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--config', config, '--quiet'], { cwd: ELEMENTS, stdio: 'pipe' });
      const manifest = JSON.parse(await readFile(join(dir, 'custom-elements.json'), 'utf8')) as Manifest;
      const doc = await readFile(DOC, 'utf8');
      const committed = doc.slice(doc.indexOf(START) + START.length, doc.indexOf(END)).trim();
      expect(committed, 'docs/embedding.md is stale: run npm run docs:reference').toBe(renderReference(manifest).trim());
      expect(committed).toContain('### `<invoice-list>`');
      expect(committed).toContain('`ssp-navigate`');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
