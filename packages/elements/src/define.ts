/** Registers every tag of the portal (a tag that is already defined is skipped with a warning). */
// The session provider first: widgets already in the page (inside <ssp-session> in the
// host's HTML) upgrade in definition order, and one defined before its provider would
// ask for the shared session before anyone can answer, then load on its own without a token.
import './ssp-session/define.ts';
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
