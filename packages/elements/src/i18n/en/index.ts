/** The en catalogue: one module per area, so each element's strings sit together. */
import type { Catalogue } from '../localize.ts';
import common from './common.ts';
import tables from './tables.ts';
import summary from './summary.ts';
import info from './info.ts';
import actions from './actions.ts';
import invoices from './invoices.ts';
import payments from './payments.ts';
import statement from './statement.ts';
import orders from './orders.ts';
import credits from './credits.ts';
import schedules from './schedules.ts';
import profile from './profile.ts';
import portal from './portal.ts';
import documents from './documents.ts';

const catalogue: Catalogue = { ...common, ...tables, ...summary, ...info, ...actions, ...invoices, ...payments, ...statement, ...orders, ...credits, ...schedules, ...profile, ...portal, ...documents };
export default catalogue;
