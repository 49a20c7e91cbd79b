/**
 * Registers `tag` unless something already did: a second definition (two bundles, a
 * host that registered our class under this name) is skipped with a warning, because
 * `customElements.define` would throw and take the host page's script down with it.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== element) console.warn(`<${tag}> is already defined; the Self-Service Portal's definition was skipped.`);
    return;
  }
  customElements.define(tag, element);
}
