/**
 * The published form of the single-file bundle: `dist/ssp-elements-<version>.js`, its
 * Subresource Integrity hash, and `dist/ssp-elements.release.json` that records both for
 * hosts and for our own examples. The build writes it (the Vite plugin below); `npm run
 * release:integrity` recomputes it from the files on disk and prints the embed snippet.
 *
 * A file name that carries the version means a host pins exactly what it tested, and a
 * CDN may cache it forever; the hash makes the browser refuse any other bytes under it.
 */
import { createHash } from 'node:crypto';
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

const root = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };

/** `ssp-elements-0.1.0.js`: the bundle's published name. */
export const bundleFileName = `ssp-elements-${version}.js`;
/** The unversioned copy `npm start`'s demo page loads; hosts should pin the versioned one. */
const ALIAS = 'ssp-elements.js';
export const RELEASE_FILE = 'ssp-elements.release.json';

export interface Release {
  name: '@ssp/elements';
  version: string;
  /** The bundle, relative to the release file. */
  file: string;
  /** `sha384-…`, for the script tag's `integrity` attribute. */
  integrity: string;
  bytes: number;
  /** Language catalogues the bundle imports on demand (content-hashed names, fetched from beside the bundle). */
  chunks: { file: string; integrity: string }[];
  /** What to paste into a page, with `/assets/` standing for wherever the files are served. */
  snippet: string;
}

const sri = (bytes: Buffer) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** Hashes the built files in `distDir`, writes the alias and the release record, and returns the record. */
export async function writeRelease(distDir = join(root, 'dist')): Promise<Release> {
  const bundle = await readFile(join(distDir, bundleFileName));
  const chunks = (await readdir(distDir)).filter((file) => file.endsWith('.js') && !file.startsWith('ssp-elements')).sort();
  const release: Release = {
    name: '@ssp/elements',
    version,
    file: bundleFileName,
    integrity: sri(bundle),
    bytes: bundle.length,
    chunks: await Promise.all(chunks.map(async (file) => ({ file, integrity: sri(await readFile(join(distDir, file))) }))),
    snippet: '',
  };
  release.snippet = `<script type="module" src="/assets/${bundleFileName}" integrity="${release.integrity}" crossorigin="anonymous"></script>`;
  await copyFile(join(distDir, bundleFileName), join(distDir, ALIAS));
  await writeFile(join(distDir, RELEASE_FILE), `${JSON.stringify(release, null, 2)}\n`);
  return release;
}

/** Vite plugin: after the bundle is written, hash it and write the release record beside it. */
export function release(): Plugin {
  return {
    name: 'ssp-release',
    apply: 'build',
    async writeBundle(options) {
      const written = await writeRelease(options.dir);
      this.info(`${written.file} ${written.integrity}`);
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const written = await writeRelease();
  console.log(`${written.name}@${written.version}  ${written.file}  ${written.bytes} bytes\nintegrity  ${written.integrity}\n\n${written.snippet}`);
}
