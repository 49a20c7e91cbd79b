import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The React host app. The portal's elements come from source (`@ssp/elements`), as an
 * app that installs them from npm would bundle them; they are written for TypeScript's
 * legacy decorators, which Vite is told here (packages/elements' tsconfig says the same).
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  oxc: {
    decorator: { legacy: true },
    assumptions: { setPublicClassFields: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
