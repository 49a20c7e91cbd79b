import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { elementMeta, stateStories } from '../../stories/portal-states.ts';
import type { PortalView } from '../core/navigate-event.ts';
import './define.ts';

const meta: Meta = {
  title: 'Elements/self-service-portal',
  tags: ['autodocs'],
  ...elementMeta('self-service-portal', {
    // The stories share one page (and the docs page shows them all at once): no hash routing.
    args: { routing: 'none' },
    argTypes: { view: { control: 'select', options: ['dashboard', 'invoices', 'payments', 'statement', 'sales-orders', 'credit-notes', 'schedules', 'profile'] satisfies PortalView[] } },
  }),
};
export default meta;

const states = stateStories({
  LongHistory: { args: { view: 'invoices' } },
});
export const Populated: StoryObj = states.Populated;
export const Loading: StoryObj = states.Loading;
export const Empty: StoryObj = states.Empty;
export const ErrorWithRetry: StoryObj = states.ErrorWithRetry;
export const SessionExpired: StoryObj = states.SessionExpired;
export const OverdueHeavy: StoryObj = states.OverdueHeavy;
export const MultiCurrency: StoryObj = states.MultiCurrency;
export const LongHistory: StoryObj = states.LongHistory;
export const DarkTheme: StoryObj = states.DarkTheme;
export const French: StoryObj = states.French;
export const German: StoryObj = states.German;
export const RightToLeft: StoryObj = states.RightToLeft;
export const Narrow: StoryObj = states.Narrow;
