import { defineElement } from '../core/define-element.ts';
import { CreditNoteList } from './credit-note-list.ts';

defineElement('credit-note-list', CreditNoteList);
