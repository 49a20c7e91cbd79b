import { type ArgTypes, type ArgTypesEnhancer, type Preview, setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../packages/elements/custom-elements.json' with { type: 'json' };
import '../packages/elements/src/define.ts';
import { installFixtureFetch } from '../packages/elements/stories/fixture-fetch.ts';

interface Declaration {
  customElement?: boolean;
  members?: { kind: string; name: string; static?: boolean; privacy?: string }[];
  attributes?: { name: string; fieldName?: string }[];
  events?: { name?: string; description?: string }[];
  cssParts?: { name: string }[];
  slots?: { name: string }[];
}

/**
 * The elements' public API from custom-elements.json, for the docs pages and controls:
 * no private or static members, no property twice (it is listed under its attribute),
 * and only the events the classes document with `@fires` (the analyzer also reports
 * each dispatch it sees, some under a constructor argument's name). Storybook keeps all
 * of them in one table by name, so parts and slots are named as CSS and HTML write them
 * (`::part(status)`, `slot="actions"`) lest they replace an attribute of the same name.
 */
function publicApi(cem: typeof manifest) {
  return {
    ...cem,
    modules: cem.modules.map((module) => ({
      ...module,
      declarations: (module.declarations as Declaration[] | undefined)?.map((declaration) =>
        declaration.customElement
          ? {
              ...declaration,
              members: declaration.members?.filter(
                (member) => member.kind === 'field' && !member.static && !member.privacy && !declaration.attributes?.some((attribute) => attribute.fieldName === member.name),
              ),
              events: declaration.events?.filter((event) => event.name && event.description),
              cssParts: declaration.cssParts?.map((part) => ({ ...part, name: `::part(${part.name})` })),
              slots: declaration.slots?.map((slot) => ({ ...slot, name: slot.name && `slot="${slot.name}"` })),
            }
          : declaration,
      ),
    })),
  };
}

/**
 * Controls from the manifest's types: a select for a union of string literals, else a
 * text, number or boolean field. Events, slots, parts and CSS properties are documented
 * only (the story renders attributes).
 */
const controlsFromTypes: ArgTypesEnhancer = ({ argTypes }) =>
  Object.fromEntries(
    Object.entries(argTypes).map(([name, argType]) => {
      const category = argType.table?.category;
      if (argType.control !== undefined) return [name, argType];
      if (category !== 'attributes' && category !== 'properties') return [name, { ...argType, control: false }];
      const type = String(argType.table?.type?.summary ?? '');
      const literals = [...type.matchAll(/'([^']*)'/g)].map((match) => match[1]!);
      if (literals.length && !type.replace(/'[^']*'|\bundefined\b|[|\s]/g, '')) return [name, { ...argType, control: { type: 'select' }, options: literals }];
      const primitive = /\b(boolean|number|string)\b/.exec(type)?.[1];
      return [name, { ...argType, control: primitive ? { type: primitive === 'string' ? 'text' : primitive } : false }];
    }),
  ) as ArgTypes;

setCustomElementsManifest(publicApi(manifest));
// Requests to the fixture scenarios' api-url are answered in the page, a little late, as over a network.
installFixtureFetch({ latency: 150 });

const preview: Preview = {
  tags: ['autodocs'],
  argTypesEnhancers: [controlsFromTypes],
  parameters: {
    layout: 'padded',
    controls: { expanded: true, exclude: ['fetchToken', 'session'] },
    backgrounds: {
      options: {
        light: { name: 'Light', value: '#ffffff' },
        dark: { name: 'Dark', value: '#15181c' },
      },
    },
  },
  initialGlobals: { backgrounds: { value: 'light' } },
};

export default preview;
