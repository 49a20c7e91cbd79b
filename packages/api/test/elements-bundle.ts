import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** The single-file bundle the demo host page loads (`/assets/ssp-elements.js`). */
export const elementsBundle = fileURLToPath(new URL('../../elements/dist/ssp-elements.js', import.meta.url));

/**
 * Builds the elements when a fresh clone has no bundle yet (`npm start` builds it; a test
 * that starts `bin/start.ts` directly does not). An existing bundle is left alone, so that
 * a build in another test file is never raced.
 */
export async function ensureElementsBundle(): Promise<void> {
  if (existsSync(elementsBundle)) return;
  await promisify(execFile)('npm', ['run', 'build', '--workspace', '@ssp/elements'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
}
