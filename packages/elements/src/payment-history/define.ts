import { defineElement } from '../core/define-element.ts';
import { PaymentHistory } from './payment-history.ts';

defineElement('payment-history', PaymentHistory);
