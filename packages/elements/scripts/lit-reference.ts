/** What a minimal Lit element needs from Lit: the reference the size script prints beside ours. */
export { LitElement, css, html, nothing, svg } from 'lit';
export { customElement, property, query, state } from 'lit/decorators.js';
