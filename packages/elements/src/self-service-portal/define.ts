import '../account-info/define.ts';
import '../account-statement/define.ts';
import '../account-summary/define.ts';
import '../credit-note-list/define.ts';
import '../customer-profile/define.ts';
import '../invoice-list/define.ts';
import '../payment-history/define.ts';
import '../quick-actions/define.ts';
import '../sales-order-list/define.ts';
import '../schedule-list/define.ts';
import { defineElement } from '../core/define-element.ts';
import { SelfServicePortal } from './self-service-portal.ts';

defineElement('self-service-portal', SelfServicePortal);
