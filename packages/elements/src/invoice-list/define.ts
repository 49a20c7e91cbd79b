import { defineElement } from '../core/define-element.ts';
import { InvoiceList } from './invoice-list.ts';

defineElement('invoice-list', InvoiceList);
