import { defineElement } from '../core/define-element.ts';
import { QuickActions } from './quick-actions.ts';

defineElement('quick-actions', QuickActions);
