import { defineElement } from '../core/define-element.ts';
import { AccountSummary } from './account-summary.ts';

defineElement('account-summary', AccountSummary);
