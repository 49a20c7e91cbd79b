import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { elementMeta, stateStories } from '../../stories/portal-states.ts';
import './define.ts';

const meta: Meta = {
  title: 'Elements/schedule-list',
  tags: ['autodocs'],
  ...elementMeta('schedule-list'),
};
export default meta;

const states = stateStories();
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
