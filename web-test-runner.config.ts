import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { startTestApi } from './packages/elements/test/api-server.ts';

/**
 * Element tests in a real Chromium: Debian's (or CHROME_PATH), never a downloaded one,
 * against the real API (PGlite) served from the same origin as the test pages.
 */
const api = await startTestApi();

export default {
  files: ['packages/elements/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./packages/elements/tsconfig.json', import.meta.url)), target: 'es2022' })],
  middleware: [
    async (ctx: any, next: () => Promise<void>) => {
      const response = await api.handle(ctx.req);
      if (!response) return next();
      ctx.status = response.status;
      response.headers.forEach((value, name) => ctx.set(name, value));
      // Event streams flow as they come; everything else is sent whole.
      ctx.body = response.body && response.headers.get('content-type')?.startsWith('text/event-stream') ? Readable.fromWeb(response.body as never) : Buffer.from(await response.arrayBuffer());
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    }),
  ],
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
};
