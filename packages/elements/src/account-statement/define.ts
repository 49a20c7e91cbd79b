import { defineElement } from '../core/define-element.ts';
import { AccountStatement } from './account-statement.ts';

defineElement('account-statement', AccountStatement);
