/** Registers every tag of the portal (a tag that is already defined is skipped with a warning). */
import './account-info/define.ts';
import './account-statement/define.ts';
import './account-summary/define.ts';
import './credit-note-list/define.ts';
import './customer-profile/define.ts';
import './invoice-list/define.ts';
import './payment-history/define.ts';
import './quick-actions/define.ts';
import './sales-order-list/define.ts';
import './schedule-list/define.ts';
import './self-service-portal/define.ts';
import './ssp-session/define.ts';
