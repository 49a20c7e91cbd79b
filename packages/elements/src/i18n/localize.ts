import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Catalogue = Record<string, string>;

// English ships with each element (its own strings only); other languages are fetched,
// whole, the first time a page asks for one. Plain objects keyed by language: a canonical
// language subtag is lower-case letters, never the name of an Object.prototype member.
const loaders: Record<string, () => Promise<{ default: Catalogue }>> = {
  fr: () => import('./fr/index.ts'),
  de: () => import('./de/index.ts'),
};
const loaded: Record<string, Catalogue> = {};
const loading: Record<string, Promise<unknown>> = {};

interface LocalizedHost extends ReactiveControllerHost, HTMLElement {
  locale?: string | undefined;
}

/**
 * The element's locale: its `locale` attribute, else the nearest `lang` (the page's),
 * else English. Strings come from that language's catalogue (falling back to English
 * key by key); numbers and dates use the full locale.
 */
export class Localizer implements ReactiveController {
  locale = 'en';
  #catalogue: Catalogue | undefined;
  readonly #host: LocalizedHost;
  readonly #english: Catalogue[];

  /** `english`: the element's own strings, area by area, the fallback for every language. */
  constructor(host: LocalizedHost, english: Catalogue[]) {
    this.#host = host;
    this.#english = english;
    host.addController(this);
  }

  hostConnected(): void {
    this.hostUpdate();
  }

  hostUpdate(): void {
    let locale = 'en';
    try {
      locale = Intl.getCanonicalLocales(this.#host.locale || this.#host.closest('[lang]')?.getAttribute('lang') || 'en')[0] ?? 'en';
    } catch {
      // An invalid tag (lang="x y"): stay in English rather than break the element.
    }
    this.locale = locale;
    // Canonical: the language subtag is already lower-case.
    const lang = locale.split('-')[0]!;
    this.#catalogue = loaded[lang];
    if (!this.#catalogue && loaders[lang]) {
      loading[lang] ??= loaders[lang]().then((module) => (loaded[lang] = module.default));
      void loading[lang].then(() => this.#host.requestUpdate());
    }
  }

  /** The string of `key` with its `{name}` placeholders filled from `params`. */
  t(key: string, params?: Record<string, string | number>): string {
    const template = this.#catalogue?.[key] ?? this.#english.find((strings) => key in strings)?.[key] ?? key;
    return params ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : template;
  }
}
