import type { StorybookConfig } from '@storybook/web-components-vite';

/**
 * Storybook for the portal's elements: `npm run storybook` (dev, port 6006) and
 * `npm run build-storybook` (storybook-static/). Everything it serves comes from
 * node_modules and the repo, so both work offline.
 */
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../packages/elements/src/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  // Nothing leaves the machine: no telemetry, no "what's new" (nor, in the npm script, the update check).
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(vite) {
    return {
      ...vite,
      // The elements are written for TypeScript's decorators, as packages/elements'
      // tsconfig says (experimentalDecorators, useDefineForClassFields: false). Said
      // here too so that every file Storybook compiles gets them, whichever tsconfig
      // is nearest: Chromium runs no standard decorators.
      oxc: {
        ...(typeof vite.oxc === 'object' ? vite.oxc : {}),
        decorator: { legacy: true },
        assumptions: { setPublicClassFields: true },
        typescript: { removeClassFieldsWithoutInitializer: true },
      },
      // Storybook's renderer imports lit/directive-helpers.js; bundled with the rest of
      // Lit for the dev server, or the page would run two copies of lit-html.
      optimizeDeps: { ...vite.optimizeDeps, include: [...(vite.optimizeDeps?.include ?? []), 'lit', 'lit/directive-helpers.js'] },
    };
  },
};

export default config;
