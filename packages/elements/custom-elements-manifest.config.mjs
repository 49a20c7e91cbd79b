/**
 * `npm run manifest -w @ssp/elements`: custom-elements.json from the classes' JSDoc
 * (@fires, @csspart, @cssprop, @slot, properties), for IDEs, Storybook and the docs.
 *
 * Our tags are registered through `defineElement(tag, Class)` in each define.ts (so a
 * second registration is skipped, not thrown), which the analyzer does not know; the
 * plugin below reads those calls and marks the classes as custom elements with their tags.
 */
function defineElementPlugin() {
  const tags = new Map();
  return {
    name: 'ssp-define-element',
    analyzePhase({ ts, node }) {
      if (ts.isCallExpression(node) && node.expression.getText() === 'defineElement' && node.arguments.length === 2) {
        const [tag, element] = node.arguments;
        if (ts.isStringLiteral(tag)) tags.set(element.getText(), tag.text);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const tag = tags.get(declaration.name);
          if (!tag) continue;
          declaration.customElement = true;
          declaration.tagName = tag;
          // The analyzer also reads `dispatchEvent(new SomeEvent(arg))` as events named after
          // the argument; ours are all `ssp-*` and documented with @fires.
          declaration.events = (declaration.events ?? []).filter((event) => event.name?.startsWith('ssp-'));
          module.exports = [...(module.exports ?? []), { kind: 'custom-element-definition', name: tag, declaration: { name: declaration.name, module: module.path } }];
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/i18n/**', 'src/bundle.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [defineElementPlugin()],
};
