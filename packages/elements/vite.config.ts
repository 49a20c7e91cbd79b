import { defineConfig } from 'vite';
import { minifyLiterals } from './scripts/minify-literals-plugin.ts';
import { bundleFileName, release } from './scripts/release.ts';

/**
 * `npm run build -w @ssp/elements`: dist/ssp-elements-<version>.js, one ES module with Lit
 * inside (the catalogues other than English are split out and fetched on demand), and its
 * SRI hash in dist/ssp-elements.release.json (scripts/release.ts).
 */
export default defineConfig({
  plugins: [minifyLiterals(), release()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Library builds keep whitespace by default; hosts load this file as is, so minify it all.
    rolldownOptions: { output: { minify: true } },
    lib: {
      entry: 'src/bundle.ts',
      formats: ['es'],
      fileName: () => bundleFileName,
    },
  },
});
