import { defineElement } from '../core/define-element.ts';
import { SalesOrderList } from './sales-order-list.ts';

defineElement('sales-order-list', SalesOrderList);
