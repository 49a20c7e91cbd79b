/**
 * What every element's stories share: the states each one is shown in, described once.
 * A story renders the element as a host page would write it (`api-url` + `token`), its
 * `api-url` pointing at a fixture scenario that fixture-fetch.ts answers; the frame
 * around it gives the direction and the width.
 */
import type { Args, ArgTypes, Decorator, Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { SCENARIOS, type Scenario, fixtureApiUrl } from './fixture-fetch.ts';

/** The export names of the state stories in every `<tag>.stories.ts`. */
export type StateName =
  | 'Populated' | 'Loading' | 'Empty' | 'ErrorWithRetry' | 'SessionExpired' | 'OverdueHeavy' | 'MultiCurrency' | 'LongHistory'
  | 'DarkTheme' | 'French' | 'German' | 'RightToLeft' | 'Narrow';

/** Around the element: the page direction and the width the host gives it. */
interface Frame {
  dir?: 'rtl';
  width?: string;
}

const api = (scenario: Scenario) => ({ 'api-url': fixtureApiUrl(scenario) });

/** The states, in the order the sidebar lists them; the first is the docs page's. */
const STATES: Record<StateName, StoryObj> = {
  Populated: { args: api('populated'), parameters: { docs: { description: { story: "The API fixture's hand-computed account (USD and EUR), as of 2026-06-15." } } } },
  Loading: { args: api('loading'), parameters: { docs: { description: { story: 'The API has not answered yet: a skeleton of the final size.' } } } },
  Empty: { args: api('empty'), parameters: { docs: { description: { story: 'A customer without a single record.' } } } },
  ErrorWithRetry: { args: api('error'), parameters: { docs: { description: { story: 'The API answers 503; Retry asks again.' } } } },
  SessionExpired: { args: api('expired'), parameters: { docs: { description: { story: 'The API refuses the token (401 `token_expired`) and the host gave no `fetchToken`.' } } } },
  OverdueHeavy: { args: api('overdue-heavy'), parameters: { docs: { description: { story: 'Seven of nine invoices past due, in every aging bucket; missed instalments.' } } } },
  MultiCurrency: { args: api('multi-currency'), parameters: { docs: { description: { story: 'KWD (3 decimals), JPY (none), USD and EUR, each in its own exponent.' } } } },
  LongHistory: { args: api('long-history'), parameters: { docs: { description: { story: 'Five years of monthly invoices and payments: paging and sorting.' } } } },
  DarkTheme: { args: { ...api('populated'), theme: 'dark' }, globals: { backgrounds: { value: 'dark' } } },
  French: { args: { ...api('populated'), locale: 'fr' } },
  German: { args: { ...api('populated'), locale: 'de' } },
  RightToLeft: { args: api('populated'), parameters: { frame: { dir: 'rtl' } satisfies Frame } },
  Narrow: { args: api('populated'), parameters: { frame: { width: '320px' } satisfies Frame, docs: { description: { story: 'A 320px column: the layout follows the element’s width (container queries), not the viewport.' } } } },
};

/**
 * The state stories for one element; `changes` adds to (or replaces) a state's args and
 * parameters where an element needs it, e.g. a longer period for the statement.
 */
export function stateStories(changes: Partial<Record<StateName, StoryObj>> = {}): Record<StateName, StoryObj> {
  return Object.fromEntries(
    Object.entries(STATES).map(([name, story]) => {
      const change = changes[name as StateName] ?? {};
      return [name, { ...story, ...change, args: { ...story.args, ...change.args }, parameters: { ...story.parameters, ...change.parameters } }];
    }),
  ) as Record<StateName, StoryObj>;
}

/**
 * The element with the story's args: attributes as a host writes them, listeners for
 * the events (logged in the Actions panel), properties for anything else.
 */
export function renderElement(args: Args, { component, argTypes }: StoryContext): HTMLElement {
  const element = document.createElement(component as string);
  for (const [name, value] of Object.entries(args)) {
    const argType = argTypes[name];
    const event = (argType?.action as { name?: string } | undefined)?.name;
    if (event && typeof value === 'function') element.addEventListener(event, value as EventListener);
    else if (argType?.table?.category === 'attributes') {
      if (typeof value === 'string' || typeof value === 'number') element.setAttribute(name, String(value));
      else if (value === true) element.setAttribute(name, '');
    } else if (value !== undefined) (element as unknown as Record<string, unknown>)[name] = value;
  }
  return element;
}

const framed: Decorator = (story, { parameters }) => {
  const frame = parameters.frame as Frame | undefined;
  if (!frame) return story();
  return html`<div dir=${frame.dir ?? 'ltr'} style=${styleMap({ inlineSize: frame.width, maxInlineSize: '100%' })}>${story()}</div>`;
};

/** Controls every portal element has, beyond what the manifest can type. */
const commonArgTypes: ArgTypes = {
  'api-url': { control: 'select', options: SCENARIOS.map(fixtureApiUrl), description: 'Base URL of the API; here, a fixture scenario.' },
  theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
  locale: { control: 'select', options: ['en', 'en-US', 'en-GB', 'fr', 'de', 'ja'] },
};

/** The meta every element's stories start from (title and tags stay in each file, where Storybook's indexer reads them). */
export function elementMeta(tag: string, { args, argTypes }: { args?: Args; argTypes?: ArgTypes } = {}): Meta {
  return {
    component: tag,
    render: renderElement,
    decorators: [framed],
    args: { token: 'story', ...args },
    argTypes: { ...commonArgTypes, ...argTypes },
  };
}
