import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Catalogue = Record<string, string>;

// English ships with each element (its own strings only); other languages are fetched,
// whole, the first time a page asks for one.
const loaders: Record<string, () => Promise<{ default: Catalogue }>> = {
  fr: () => import('./fr/index.ts'),
  de: () => import('./de/index.ts'),
};
const loaded = new Map<string, Catalogue>();
const loading = new Map<string, Promise<Catalogue>>();

function load(lang: string): Promise<Catalogue> {
  let promise = loading.get(lang);
  if (!promise) {
    promise = loaders[lang]!().then((module) => {
      loaded.set(lang, module.default);
      return module.default;
    });
    loading.set(lang, promise);
  }
  return promise;
}

/** `{name}` placeholders filled from `params`. */
export function fill(template: string, params?: Record<string, string | number>): string {
  return params ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : template;
}

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
  private catalogue: Catalogue | undefined;

  /** `english`: the element's own strings, the fallback for every language. */
  constructor(
    private readonly host: LocalizedHost,
    private readonly english: Catalogue,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.resolve();
  }

  hostUpdate(): void {
    this.resolve();
  }

  private resolve(): void {
    const requested = this.host.locale || this.host.closest('[lang]')?.getAttribute('lang') || 'en';
    let locale = 'en';
    try {
      locale = Intl.getCanonicalLocales(requested)[0] ?? 'en';
    } catch {
      // An invalid tag (lang="x y"): stay in English rather than break the element.
    }
    this.locale = locale;
    const lang = locale.split('-')[0]!.toLowerCase();
    this.catalogue = loaded.get(lang);
    if (!this.catalogue && loaders[lang]) void load(lang).then(() => this.host.requestUpdate());
  }

  t(key: string, params?: Record<string, string | number>): string {
    return fill(this.catalogue?.[key] ?? this.english[key] ?? key, params);
  }
}
