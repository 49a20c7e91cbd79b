import { defineElement } from '../core/define-element.ts';
import { AccountInfo } from './account-info.ts';

defineElement('account-info', AccountInfo);
