import { defineConfig } from 'vite';
import { minifyLiterals } from './scripts/minify-literals-plugin.ts';

/**
 * `npm run build -w @ssp/elements`: dist/ssp-elements.js, one ES module with Lit
 * inside (the catalogues other than English are split out and fetched on demand).
 */
export default defineConfig({
  plugins: [minifyLiterals()],
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
      fileName: () => 'ssp-elements.js',
    },
  },
});
