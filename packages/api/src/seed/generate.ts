/**
 * Deterministic, realistic demo data for one tenant.
 *
 * `seedTenantData(db, { tenantId, customers, years, seed, today })` writes customers
 * (with contacts), sales orders (with lines), invoices (with lines), payments (with
 * allocations), credit notes (with allocations) and schedules (with items) straight into
 * the tables, with multi-row inserts of up to 1000 rows, one transaction per chunk of
 * customers. The same options always produce the same rows (only created_at/updated_at
 * differ); nothing here reads the clock or Math.random.
 *
 * Memory stays bounded whatever the size: customers are generated one at a time, each
 * from its own random stream (derived from the seed and the customer's index), and
 * buffered only until about FLUSH_ROWS rows are waiting; with `concurrency` > 1 that
 * many chunks are written in parallel (each in its own transaction) while the next one
 * is generated.
 *
 * Size: each customer is invoiced monthly over `years` years ending at `today`
 * (`years` may be fractional: months = round(years × 12)), plus a few one-off invoices,
 * so `years: 84` gives about 1000 invoices per customer. Some customers joined later than
 * the start of the window and have fewer.
 *
 * What the data holds, on purpose (the tests check it):
 * - customers with ASCII and non-ASCII names (Müller GmbH, Ωμέγα Α.Ε., ООО Ромашка, a
 *   Japanese and an Arabic name), addresses, terms NET15/30/45/60, billing cycles,
 *   account managers, 1–4 contacts with exactly one primary;
 * - mostly USD/EUR/GBP, one JPY (0 decimals) and one KWD (3 decimals) customer when
 *   there are at least 3 customers, and customers invoiced in two currencies;
 * - invoices with 1–6 lines, tax per line, amounts in the currency's minor units;
 * - payments on time, late, partial, over-paid (unapplied remainder), one payment for
 *   several invoices, old unpaid (disputed) invoices, void invoices with their reissue;
 *   customer #1 (index 0) is fully current, and some customers (index 1, then every
 *   tenth from 7) are overdue in every aging bucket;
 * - credit notes fully applied, partly applied and unapplied;
 * - sales orders (open, in progress, completed, cancelled) billed over several invoices;
 * - payment plans (paid, missed and upcoming instalments), billing arrangements and
 *   service visits with time windows.
 */
import type { Insertable, Kysely } from 'kysely';
import { currencyExponent } from '@ssp/schemas';
import type {
  ContactsTable, CreditAllocationsTable, CreditNotesTable, CustomersTable, Database, InvoiceLinesTable, InvoicesTable,
  PaymentAllocationsTable, PaymentsTable, SalesOrderLinesTable, SalesOrdersTable, ScheduleItemsTable, SchedulesTable,
} from '../db/database.ts';
import { Random, mixSeed } from './random.ts';

export interface SeedOptions {
  tenantId: string;
  customers: number;
  years: number;
  seed: number;
  /** The data's "now", `YYYY-MM-DD`: no invoice, payment or credit note is dated after it. */
  today: string;
  onProgress?: (done: number, total: number) => void;
  /** Chunks written in parallel, each in its own transaction (default 1; PGlite has one connection). */
  concurrency?: number;
}

export interface SeedResult {
  customers: number;
  invoices: number;
  payments: number;
  creditNotes: number;
  salesOrders: number;
  schedules: number;
  customerIds: string[];
}

/** Rows buffered before a chunk is written. */
const FLUSH_ROWS = 12_000;
/** Rows per INSERT statement (the widest table has 13 columns: 13,000 parameters). */
const ROWS_PER_INSERT = 1000;

// ---------------------------------------------------------------------------------------
// Dates: whole days since 1970-01-01 (UTC), months as year × 12 + month0.

const MS_PER_DAY = 86_400_000;
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];

function dayOf(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== iso) throw new RangeError(`not a date: ${iso}`);
  return ms / MS_PER_DAY;
}

function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function monthOfDay(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

function daysInMonth(month: number): number {
  return new Date(Date.UTC(Math.floor(month / 12), (month % 12) + 1, 0)).getUTCDate();
}

/** The given day of a month, clamped to the month's length (the 31st of April is the 30th). */
function dayInMonth(month: number, dayOfMonth: number): number {
  const clamped = Math.min(dayOfMonth, daysInMonth(month));
  return Date.UTC(Math.floor(month / 12), month % 12, clamped) / MS_PER_DAY;
}

function monthLabel(month: number): string {
  return `${MONTH_NAMES[month % 12]} ${Math.floor(month / 12)}`;
}

/** Moves a Saturday or Sunday to the following Monday. */
function weekday(day: number): number {
  const dow = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday.
  return dow === 6 ? day + 2 : dow === 0 ? day + 1 : day;
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// ---------------------------------------------------------------------------------------
// Money: prices are set in US dollars and converted, then rounded to price-like figures in
// the currency's minor units (JPY in yen, KWD in fils). Prices rise ~3% a year.

const FX: Record<string, number> = { USD: 1, EUR: 0.92, GBP: 0.79, JPY: 150, KWD: 0.307 };

/** Rounds a positive amount (minor units) to its three leading digits. */
function roundToSignificant(minor: number, digits = 3): number {
  if (minor <= 0) return minor;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(minor)) - (digits - 1));
  return Math.max(1, Math.round(minor / step) * step);
}

function priceIn(currency: string, usd: number, day: number, todayDay: number): number {
  const inflation = 1.03 ** ((day - todayDay) / 365.25);
  const minor = usd * (FX[currency] ?? 1) * inflation * 10 ** currencyExponent(currency);
  return roundToSignificant(Math.round(minor));
}

/** The next "round" sum above `minor` (what a customer pays when they round up). */
function roundUp(minor: number, currency: string): number {
  const unit = 10 ** currencyExponent(currency);
  const step = Math.max(unit, 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, minor))) - 1));
  const rounded = Math.ceil(minor / step) * step;
  return rounded > minor ? rounded : rounded + step;
}

// ---------------------------------------------------------------------------------------
// Reference data.

type TaxKind = 'service' | 'goods' | 'exempt';

interface City {
  city: string;
  region: string | null;
  postalCode: string;
  /** US sales tax on goods; elsewhere the country's VAT applies. */
  salesTax?: number;
}

interface Country {
  code: string;
  currencies: string[];
  vat: number;
  cities: City[];
  streets: string[];
  line1: (street: string, rng: Random) => string;
  phone: string; // '#' = a random digit
  suffixes: string[];
}

const COUNTRIES: Record<string, Country> = {
  US: {
    code: 'US', currencies: ['USD'], vat: 0,
    cities: [
      { city: 'Springfield', region: 'IL', postalCode: '62701', salesTax: 6.25 },
      { city: 'Austin', region: 'TX', postalCode: '78701', salesTax: 6.25 },
      { city: 'Portland', region: 'OR', postalCode: '97205', salesTax: 0 },
      { city: 'Brooklyn', region: 'NY', postalCode: '11201', salesTax: 8.875 },
      { city: 'San Jose', region: 'CA', postalCode: '95113', salesTax: 7.25 },
      { city: 'Denver', region: 'CO', postalCode: '80202', salesTax: 2.9 },
      { city: 'Columbus', region: 'OH', postalCode: '43215', salesTax: 5.75 },
    ],
    streets: ['Main Street', 'Oak Avenue', 'Market Street', 'Maple Drive', 'Elm Street', 'Industrial Parkway'],
    line1: (street, rng) => `${rng.int(10, 9899)} ${street}`,
    phone: '+1 ###-555-01##',
    suffixes: ['Inc.', 'LLC', 'Corp.'],
  },
  GB: {
    code: 'GB', currencies: ['GBP'], vat: 20,
    cities: [
      { city: 'London', region: null, postalCode: 'EC1A 1BB' },
      { city: 'Manchester', region: null, postalCode: 'M1 1AE' },
      { city: 'Edinburgh', region: 'Scotland', postalCode: 'EH1 1YZ' },
      { city: 'Leeds', region: 'West Yorkshire', postalCode: 'LS1 4DY' },
      { city: 'Bristol', region: null, postalCode: 'BS1 4ST' },
    ],
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'King Street'],
    line1: (street, rng) => `${rng.int(1, 240)} ${street}`,
    phone: '+44 20 7946 0###',
    suffixes: ['Ltd', 'LLP', 'plc'],
  },
  DE: {
    code: 'DE', currencies: ['EUR'], vat: 19,
    cities: [
      { city: 'Berlin', region: 'Berlin', postalCode: '10115' },
      { city: 'München', region: 'Bayern', postalCode: '80331' },
      { city: 'Hamburg', region: 'Hamburg', postalCode: '20095' },
      { city: 'Köln', region: 'Nordrhein-Westfalen', postalCode: '50667' },
    ],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Schillerstraße', 'Königsallee', 'Gartenweg'],
    line1: (street, rng) => `${street} ${rng.int(1, 180)}`,
    phone: '+49 30 ########',
    suffixes: ['GmbH', 'AG', 'KG'],
  },
  FR: {
    code: 'FR', currencies: ['EUR'], vat: 20,
    cities: [
      { city: 'Paris', region: 'Île-de-France', postalCode: '75002' },
      { city: 'Lyon', region: 'Auvergne-Rhône-Alpes', postalCode: '69002' },
      { city: 'Marseille', region: "Provence-Alpes-Côte d'Azur", postalCode: '13001' },
    ],
    streets: ['rue de la Paix', 'avenue Victor Hugo', 'boulevard Saint-Germain', 'rue de Rivoli'],
    line1: (street, rng) => `${rng.int(1, 150)} ${street}`,
    phone: '+33 1 ## ## ## ##',
    suffixes: ['SARL', 'SAS'],
  },
  NL: {
    code: 'NL', currencies: ['EUR'], vat: 21,
    cities: [
      { city: 'Amsterdam', region: 'Noord-Holland', postalCode: '1012 AB' },
      { city: 'Rotterdam', region: 'Zuid-Holland', postalCode: '3011 AD' },
      { city: 'Utrecht', region: 'Utrecht', postalCode: '3511 AX' },
    ],
    streets: ['Keizersgracht', 'Damrak', 'Coolsingel', 'Oudegracht'],
    line1: (street, rng) => `${street} ${rng.int(1, 400)}`,
    phone: '+31 20 ### ####',
    suffixes: ['B.V.'],
  },
  IE: {
    code: 'IE', currencies: ['EUR'], vat: 23,
    cities: [
      { city: 'Dublin', region: 'Co. Dublin', postalCode: 'D02 X285' },
      { city: 'Cork', region: 'Co. Cork', postalCode: 'T12 RX2D' },
    ],
    streets: ['Grafton Street', "O'Connell Street", 'Patrick Street', 'Dame Street'],
    line1: (street, rng) => `${rng.int(1, 120)} ${street}`,
    phone: '+353 1 ### ####',
    suffixes: ['Ltd', 'DAC'],
  },
  ES: {
    code: 'ES', currencies: ['EUR'], vat: 21,
    cities: [
      { city: 'Madrid', region: 'Comunidad de Madrid', postalCode: '28013' },
      { city: 'Barcelona', region: 'Cataluña', postalCode: '08002' },
      { city: 'Sevilla', region: 'Andalucía', postalCode: '41004' },
    ],
    streets: ['Calle Mayor', 'Gran Vía', 'Paseo de Gracia', 'Calle de Alcalá'],
    line1: (street, rng) => `${street}, ${rng.int(1, 200)}`,
    phone: '+34 91 ### ## ##',
    suffixes: ['S.L.', 'S.A.'],
  },
  GR: {
    code: 'GR', currencies: ['EUR'], vat: 24,
    cities: [
      { city: 'Αθήνα', region: 'Αττική', postalCode: '105 57' },
      { city: 'Θεσσαλονίκη', region: 'Κεντρική Μακεδονία', postalCode: '546 24' },
    ],
    streets: ['Οδός Ερμού', 'Λεωφόρος Συγγρού', 'Οδός Τσιμισκή'],
    line1: (street, rng) => `${street} ${rng.int(1, 150)}`,
    phone: '+30 210 ### ####',
    suffixes: ['Α.Ε.'],
  },
  LV: {
    code: 'LV', currencies: ['EUR'], vat: 21,
    cities: [{ city: 'Rīga', region: null, postalCode: 'LV-1050' }],
    streets: ['Brīvības iela', 'Elizabetes iela', 'Krišjāņa Valdemāra iela'],
    line1: (street, rng) => `${street} ${rng.int(1, 120)}`,
    phone: '+371 67 ### ###',
    suffixes: ['SIA'],
  },
  JP: {
    code: 'JP', currencies: ['JPY'], vat: 10,
    cities: [
      { city: '千代田区', region: '東京都', postalCode: '100-0005' },
      { city: '大阪市北区', region: '大阪府', postalCode: '530-0001' },
    ],
    streets: ['丸の内1丁目', '梅田2丁目'],
    line1: (street, rng) => `${street}${rng.int(1, 20)}-${rng.int(1, 30)}`,
    phone: '+81 3-####-####',
    suffixes: ['株式会社'],
  },
  KW: {
    code: 'KW', currencies: ['KWD'], vat: 0,
    cities: [
      { city: 'Kuwait City', region: 'Al Asimah', postalCode: '13001' },
      { city: 'Salmiya', region: 'Hawalli', postalCode: '22001' },
    ],
    streets: ['Street'],
    line1: (_street, rng) => `Block ${rng.int(1, 12)}, Street ${rng.int(1, 40)}, Building ${rng.int(1, 90)}`,
    phone: '+965 2### ####',
    suffixes: ['W.L.L.'],
  },
};

const EURO_COUNTRIES = ['DE', 'DE', 'FR', 'FR', 'NL', 'IE', 'ES'];

interface SpecialCustomer {
  name: string;
  country: string;
  currency: string;
  domain: string;
}

/** Fixed identities for the first customers, so that small seeds still show the variety. */
const SPECIAL_BY_INDEX: Record<number, SpecialCustomer> = {
  1: { name: '株式会社さくら商事', country: 'JP', currency: 'JPY', domain: 'sakura-shoji.example' },
  2: { name: 'شركة الخليج للتجارة', country: 'KW', currency: 'KWD', domain: 'gulf-trading.example' },
  3: { name: 'Müller GmbH', country: 'DE', currency: 'EUR', domain: 'mueller-gmbh.example' },
  4: { name: 'Ωμέγα Α.Ε.', country: 'GR', currency: 'EUR', domain: 'omega-ae.example' },
  5: { name: 'ООО Ромашка', country: 'LV', currency: 'EUR', domain: 'romashka.example' },
};

/** Other names with accents or punctuation, handed out now and then. */
const ACCENTED_NAMES: SpecialCustomer[] = [
  { name: 'Brasserie Saint-Étienne SAS', country: 'FR', currency: 'EUR', domain: 'brasserie-saint-etienne.example' },
  { name: 'Señorío de Castilla S.L.', country: 'ES', currency: 'EUR', domain: 'senorio-de-castilla.example' },
  { name: "O'Brien & Daughters Ltd", country: 'IE', currency: 'EUR', domain: 'obrien-daughters.example' },
  { name: 'Café Größenwahn GmbH', country: 'DE', currency: 'EUR', domain: 'cafe-groessenwahn.example' },
  { name: 'Dubois & Fils SARL', country: 'FR', currency: 'EUR', domain: 'dubois-fils.example' },
  { name: 'Smith & Jones (Holdings) Ltd', country: 'GB', currency: 'GBP', domain: 'smith-jones.example' },
  { name: 'Zoë’s Bakery LLC', country: 'US', currency: 'USD', domain: 'zoes-bakery.example' },
];

const NAME_PREFIXES = [
  'Acme', 'Northwind', 'Bluebird', 'Summit', 'Harbor', 'Pinecrest', 'Redwood', 'Silverline', 'Orion', 'Evergreen',
  'Granite', 'Brightwater', 'Lakeside', 'Ironbridge', 'Keystone', 'Meridian', 'Copperfield', 'Sunrise', 'Atlas',
  'Cobalt', 'Riverside', 'Oakhurst', 'Starling', 'Westbrook', 'Fairview', 'Highland', 'Juniper', 'Maplewood',
];
const NAME_CORES = [
  'Logistics', 'Dental', 'Bakery', 'Engineering', 'Media', 'Analytics', 'Hotels', 'Foods', 'Construction',
  'Consulting', 'Pharmacy', 'Motors', 'Architects', 'Textiles', 'Fitness', 'Legal', 'Printing', 'Veterinary',
  'Robotics', 'Florists', 'Clinics', 'Freight', 'Software', 'Brewing',
];
const FIRST_NAMES = [
  'Alice', 'Bruno', 'Chen', 'Dana', 'Élodie', 'Farid', 'Grace', 'Hiroshi', 'Ingrid', 'José', 'Katarzyna', 'Liam',
  'María', 'Nikolai', 'Olivia', 'Pedro', 'Quinn', 'Rania', 'Søren', 'Tariq', 'Uma', 'Zoë', 'Aoife', 'Björn',
];
const LAST_NAMES = [
  'Anderson', 'Bauer', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Hughes', 'Ivanova', 'Jensen', 'Kowalski',
  'López', 'Müller', 'Nakamura', "O'Connor", 'Papadopoulos', 'Rossi', 'Schmidt', 'Tanaka', 'Williams', 'Nowak', 'Śliwa',
];
const CONTACT_ROLES = ['Accounts payable', 'Finance director', 'Office manager', 'IT lead', 'Operations manager', 'Procurement'];
const ACCOUNT_MANAGERS = [
  { name: 'Dana Whitfield', email: 'dana.whitfield@ssp-demo.example', phone: '+1 415-555-0100' },
  { name: 'Priya Raman', email: 'priya.raman@ssp-demo.example', phone: '+1 415-555-0101' },
  { name: 'Tomás Ortega', email: 'tomas.ortega@ssp-demo.example', phone: '+34 91 555 01 02' },
  { name: 'Chloé Martin', email: 'chloe.martin@ssp-demo.example', phone: '+33 1 99 00 01 03' },
  { name: 'Kenji Sato', email: 'kenji.sato@ssp-demo.example', phone: '+81 3-5555-0104' },
  { name: 'Amara Okafor', email: 'amara.okafor@ssp-demo.example', phone: '+44 20 7946 0105' },
];

interface CatalogueItem {
  description: string;
  usd: number;
  tax: TaxKind;
  /** Quantity range and step (a step below 1 gives fractional quantities). */
  qty: [min: number, max: number, step: number];
  unit?: string;
}

/** What a customer subscribes to: the same lines every month. */
const RECURRING: CatalogueItem[] = [
  { description: 'Business Fibre 1 Gbps', usd: 129, tax: 'service', qty: [1, 1, 1] },
  { description: 'Business Fibre 300 Mbps', usd: 79, tax: 'service', qty: [1, 1, 1] },
  { description: 'Managed firewall', usd: 59, tax: 'service', qty: [1, 2, 1] },
  { description: 'Office 365 Business licences', usd: 12.5, tax: 'service', qty: [3, 80, 1] },
  { description: 'VoIP extensions', usd: 7.95, tax: 'service', qty: [2, 60, 1] },
  { description: 'Helpdesk support — Gold', usd: 249, tax: 'service', qty: [1, 1, 1] },
  { description: 'Helpdesk support — Silver', usd: 149, tax: 'service', qty: [1, 1, 1] },
  { description: 'Cloud backup (per TB)', usd: 18, tax: 'service', qty: [0.5, 24, 0.25] },
  { description: 'Equipment rental — router', usd: 15, tax: 'goods', qty: [1, 3, 1] },
];

/** What varies from month to month. */
const USAGE: CatalogueItem[] = [
  { description: 'Mobile data overage (GB)', usd: 4.5, tax: 'service', qty: [0.5, 80, 0.1] },
  { description: 'International calls (minutes)', usd: 0.35, tax: 'service', qty: [10, 900, 1] },
  { description: 'Field engineer time (hours)', usd: 95, tax: 'service', qty: [0.5, 8, 0.25] },
  { description: 'Cloud egress (TB)', usd: 9, tax: 'service', qty: [0.1, 12, 0.1] },
  { description: 'Conference bridge (hours)', usd: 6, tax: 'service', qty: [1, 40, 0.5] },
];

const ONE_OFF: CatalogueItem[] = [
  { description: 'On-site visit call-out fee', usd: 85, tax: 'service', qty: [1, 1, 1] },
  { description: 'Replacement handset', usd: 189, tax: 'goods', qty: [1, 4, 1] },
  { description: 'Network switch, 24 ports', usd: 420, tax: 'goods', qty: [1, 2, 1] },
  { description: 'Cabling works (hours)', usd: 70, tax: 'service', qty: [1, 16, 0.5] },
];

const SO_RECURRING: CatalogueItem[] = [
  { description: 'Managed Wi-Fi service', usd: 18, tax: 'service', qty: [4, 40, 1], unit: 'access point' },
  { description: 'Dedicated account engineer', usd: 900, tax: 'service', qty: [1, 1, 1], unit: 'engineer' },
  { description: 'Security monitoring (SOC)', usd: 35, tax: 'service', qty: [5, 120, 1], unit: 'endpoint' },
  { description: 'Hosted PBX', usd: 9, tax: 'service', qty: [10, 150, 1], unit: 'seat' },
];

const SO_ONE_OFF: CatalogueItem[] = [
  { description: 'Network installation project', usd: 2400, tax: 'service', qty: [1, 1, 1] },
  { description: 'Access point hardware', usd: 320, tax: 'goods', qty: [4, 30, 1] },
  { description: 'Security audit', usd: 1800, tax: 'service', qty: [1, 1, 1] },
  { description: 'Project management (hours)', usd: 110, tax: 'service', qty: [8, 60, 0.5] },
];

const CREDIT_REASONS = [
  'Service outage credit', 'Price adjustment', 'Returned equipment', 'Billing error correction', 'Goodwill gesture',
  'Duplicate charge', 'Early renewal discount',
];

type Method = 'card' | 'bank_transfer' | 'direct_debit' | 'cash' | 'check' | 'wallet' | 'other';
type Profile = 'current' | 'punctual' | 'regular' | 'slow';
type Outcome = 'ontime' | 'late' | 'partial' | 'overpay' | 'batch' | 'unpaid';

const OUTCOMES: Record<Profile, [Outcome, number][]> = {
  current: [['ontime', 86], ['batch', 8], ['overpay', 6]],
  punctual: [['ontime', 80], ['late', 8], ['partial', 4], ['batch', 5], ['overpay', 3]],
  regular: [['ontime', 62], ['late', 22], ['partial', 8], ['batch', 5], ['overpay', 2], ['unpaid', 1]],
  slow: [['ontime', 30], ['late', 45], ['partial', 15], ['batch', 8], ['overpay', 1], ['unpaid', 1]],
};

// ---------------------------------------------------------------------------------------
// In-memory drafts of one customer's records.

interface DraftLine {
  description: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  taxRate: number;
  taxAmount: number;
}

interface DraftSalesOrder {
  id: string;
  number: string;
  orderDay: number;
  startMonth: number;
  duration: number;
  /** Months billed (a cancelled order stops early; an open one has not started). */
  billedMonths: number[];
  status: 'open' | 'in_progress' | 'completed' | 'cancelled';
  lines: { description: string; quantity: number; unitPrice: number; amount: number }[];
  monthly: CatalogueLine[];
  oneOff: CatalogueLine[];
}

interface CatalogueLine {
  description: string;
  quantity: number;
  unitPrice: number;
  tax: TaxKind;
}

interface DraftInvoice {
  order: number;
  id: string;
  number: string;
  currency: string;
  issueDay: number;
  dueDay: number;
  isVoid: boolean;
  salesOrder: DraftSalesOrder | null;
  memo: string | null;
  lines: DraftLine[];
  subtotal: number;
  tax: number;
  total: number;
  paid: number;
  credited: number;
  /** Never paid: a disputed invoice or one planted in an aging bucket. */
  forceUnpaid: boolean;
  /** Latest credit note applied to it (payments come after). */
  creditDay: number;
  voidOf?: DraftInvoice;
  replacedBy?: DraftInvoice;
}

interface DraftPayment {
  order: number;
  day: number;
  currency: string;
  amount: number;
  method: Method;
  allocations: { invoice: DraftInvoice; amount: number }[];
}

interface Context {
  tenantId: string;
  seed: number;
  customers: number;
  todayDay: number;
  /** The latest month with a regular invoice on or before today. */
  months: number;
  customerWidth: number;
  invoiceWidth: number;
  counters: { invoice: number; creditNote: number; salesOrder: number };
}

interface Chunk {
  customers: Insertable<CustomersTable>[];
  contacts: Insertable<ContactsTable>[];
  salesOrders: Insertable<SalesOrdersTable>[];
  salesOrderLines: Insertable<SalesOrderLinesTable>[];
  invoices: Insertable<InvoicesTable>[];
  invoiceLines: Insertable<InvoiceLinesTable>[];
  payments: Insertable<PaymentsTable>[];
  paymentAllocations: Insertable<PaymentAllocationsTable>[];
  creditNotes: Insertable<CreditNotesTable>[];
  creditAllocations: Insertable<CreditAllocationsTable>[];
  schedules: Insertable<SchedulesTable>[];
  scheduleItems: Insertable<ScheduleItemsTable>[];
}

/** Insert order: parents before children. */
const TABLE_ORDER: [keyof Chunk, keyof Database][] = [
  ['customers', 'customers'],
  ['contacts', 'contacts'],
  ['salesOrders', 'sales_orders'],
  ['salesOrderLines', 'sales_order_lines'],
  ['invoices', 'invoices'],
  ['invoiceLines', 'invoice_lines'],
  ['payments', 'payments'],
  ['paymentAllocations', 'payment_allocations'],
  ['creditNotes', 'credit_notes'],
  ['creditAllocations', 'credit_allocations'],
  ['schedules', 'schedules'],
  ['scheduleItems', 'schedule_items'],
];

function emptyChunk(): Chunk {
  return {
    customers: [], contacts: [], salesOrders: [], salesOrderLines: [], invoices: [], invoiceLines: [], payments: [],
    paymentAllocations: [], creditNotes: [], creditAllocations: [], schedules: [], scheduleItems: [],
  };
}

function chunkRows(chunk: Chunk): number {
  let rows = 0;
  for (const [key] of TABLE_ORDER) rows += chunk[key].length;
  return rows;
}

// ---------------------------------------------------------------------------------------

function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/ø/gi, 'o')
    .replace(/æ/gi, 'ae')
    .replace(/ł/gi, 'l')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function phoneFrom(template: string, rng: Random): string {
  return template.replace(/#/g, () => String(rng.int(0, 9)));
}

function quantityOf(item: CatalogueItem, rng: Random): number {
  const [min, max, step] = item.qty;
  const steps = Math.round((max - min) / step);
  return Math.round((min + rng.int(0, steps) * step) * 1e6) / 1e6;
}

function makeLine(description: string, quantity: number, unitPrice: number, taxRate: number): DraftLine {
  const amount = Math.round(quantity * unitPrice);
  const taxAmount = taxRate ? Math.round((amount * taxRate) / 100) : 0;
  return { description, quantity, unitPrice, amount, taxRate, taxAmount };
}

/**
 * Generates one customer and everything they own. Numbers (INV-…, CN-…, SO-…) come from
 * the shared counters; everything else from the customer's own random stream.
 */
function generateCustomer(ctx: Context, index: number, usedNames: Set<string>): { chunk: Chunk; counts: Counts; id: string } {
  const rng = new Random(mixSeed(ctx.seed, index, 0x5eed));
  const today = ctx.todayDay;
  const customerNo = pad(index + 1, ctx.customerWidth);
  const customerId = `cus_${customerNo}`;
  const chunk = emptyChunk();

  // --- who they are -------------------------------------------------------------------
  const special = ctx.customers >= 3 || index === 0 ? SPECIAL_BY_INDEX[index] : undefined;
  let identity: SpecialCustomer | undefined = special;
  if (!identity && index >= 6 && rng.chance(0.05)) {
    const candidate = rng.pick(ACCENTED_NAMES);
    if (!usedNames.has(candidate.name)) identity = candidate;
  }
  let currency: string;
  let country: Country;
  let name: string;
  let domain: string;
  if (identity) {
    currency = identity.currency;
    country = COUNTRIES[identity.country] as Country;
    name = identity.name;
    domain = identity.domain;
  } else {
    currency = index === 0 ? 'USD' : rng.weighted([['USD', 45], ['EUR', 30], ['GBP', 25]]);
    country = (currency === 'USD' ? COUNTRIES.US : currency === 'GBP' ? COUNTRIES.GB : COUNTRIES[rng.pick(EURO_COUNTRIES)]) as Country;
    name = '';
    for (let attempt = 0; attempt < 12 && (!name || usedNames.has(name)); attempt++) {
      name = `${rng.pick(NAME_PREFIXES)} ${rng.pick(NAME_CORES)} ${rng.pick(country.suffixes)}`;
    }
    if (usedNames.has(name)) name = `${name.replace(/ \S+$/, '')} ${customerNo} ${rng.pick(country.suffixes)}`;
    domain = `${asciiSlug(name.replace(/ \S+$/, '')) || `customer-${customerNo}`}.example`;
  }
  usedNames.add(name);

  const delinquent = index === 1 || (index >= 7 && index % 10 === 7);
  const profile: Profile =
    index === 0 || (index >= 3 && index % 10 === 3)
      ? 'current'
      : delinquent
        ? rng.pick(['regular', 'slow'] as const)
        : rng.weighted([['punctual', 30], ['regular', 45], ['slow', 25]]);
  const termsDays = currency === 'JPY' ? 30 : rng.weighted([[30, 60], [15, 20], [45, 15], [60, 5]]);
  const billingDay = rng.pick([1, 1, 1, 1, 5, 10, 15, 20, 25, 28]);
  const preferredMethod: Method =
    country.code === 'JP' || country.code === 'KW'
      ? rng.pick(['bank_transfer', 'bank_transfer', 'check'] as const)
      : rng.weighted([['card', 35], ['direct_debit', 30], ['bank_transfer', 30], ['check', 5]]);
  const city = rng.pick(country.cities);
  const priceFactor = 0.7 + rng.float() * 0.9;

  // --- the invoicing window -----------------------------------------------------------
  const todayMonth = monthOfDay(today);
  const lastMonth = dayInMonth(todayMonth, billingDay) <= today ? todayMonth : todayMonth - 1;
  const firstMonth = lastMonth - ctx.months + 1;
  const lateJoiner = index >= 6 && ctx.months >= 24 && rng.chance(0.1);
  const startMonth = lateJoiner ? firstMonth + rng.int(1, Math.floor(ctx.months * 0.7)) : firstMonth;

  const plan: CatalogueItem[] = [];
  const planSize = rng.weighted([[1, 30], [2, 45], [3, 25]]);
  while (plan.length < planSize) {
    const item = rng.pick(RECURRING);
    if (!plan.includes(item)) plan.push(item);
  }
  const planQty = plan.map((item) => quantityOf(item, rng));

  const taxRate = (kind: TaxKind, cur: string): number => {
    if (kind === 'exempt') return 0;
    if (cur !== currency) return 0; // cross-border supply: reverse charge
    if (country.code === 'US') return kind === 'goods' ? (city.salesTax ?? 0) : 0;
    return country.vat;
  };

  const invoices: DraftInvoice[] = [];
  let order = 0;
  const newInvoice = (cur: string, issueDay: number, lines: DraftLine[], salesOrder: DraftSalesOrder | null = null): DraftInvoice => {
    const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
    const tax = lines.reduce((sum, line) => sum + line.taxAmount, 0);
    const invoice: DraftInvoice = {
      order: order++, id: '', number: '', currency: cur, issueDay, dueDay: issueDay + termsDays, isVoid: false, salesOrder,
      memo: null, lines, subtotal, tax, total: subtotal + tax, paid: 0, credited: 0, forceUnpaid: false, creditDay: issueDay,
    };
    invoices.push(invoice);
    return invoice;
  };
  const catalogueLine = (item: CatalogueItem, cur: string, day: number, quantity: number, description = item.description) =>
    makeLine(description, quantity, priceIn(cur, item.usd * priceFactor, day, today), taxRate(item.tax, cur));

  // --- sales orders -------------------------------------------------------------------
  const salesOrders: DraftSalesOrder[] = [];
  const soByMonth = new Map<number, DraftSalesOrder>();
  const makeSalesOrder = (start: number, duration: number, cancel: boolean, orderDay: number) => {
    const monthly: CatalogueLine[] = [];
    const oneOff: CatalogueLine[] = [];
    const priceDay = Math.min(today, orderDay);
    const recurringCount = rng.int(1, 2);
    while (monthly.length < recurringCount) {
      const item = rng.pick(SO_RECURRING);
      if (monthly.some((line) => line.description === item.description)) continue;
      monthly.push({ description: item.description, quantity: quantityOf(item, rng), unitPrice: priceIn(currency, item.usd * priceFactor, priceDay, today), tax: item.tax });
    }
    const oneOffCount = rng.int(0, 2);
    while (oneOff.length < oneOffCount) {
      const item = rng.pick(SO_ONE_OFF);
      if (oneOff.some((line) => line.description === item.description)) continue;
      oneOff.push({ description: item.description, quantity: quantityOf(item, rng), unitPrice: priceIn(currency, item.usd * priceFactor, priceDay, today), tax: item.tax });
    }
    const unitOf = (description: string) => SO_RECURRING.find((item) => item.description === description)?.unit ?? 'unit';
    const lines = [
      ...monthly.map((line) => {
        const quantity = line.quantity * duration;
        const unit = unitOf(line.description);
        return {
          description: `${line.description} — ${line.quantity} ${unit}${line.quantity === 1 ? '' : 's'} × ${duration} months`,
          quantity,
          unitPrice: line.unitPrice,
          amount: Math.round(quantity * line.unitPrice),
        };
      }),
      ...oneOff.map((line) => ({ description: line.description, quantity: line.quantity, unitPrice: line.unitPrice, amount: Math.round(line.quantity * line.unitPrice) })),
    ];
    let billed = duration;
    if (cancel) billed = rng.int(1, Math.max(1, duration - 1));
    const billedMonths: number[] = [];
    for (let k = 0; k < billed; k++) if (start + k <= lastMonth) billedMonths.push(start + k);
    const status: DraftSalesOrder['status'] = cancel
      ? 'cancelled'
      : start > lastMonth
        ? 'open'
        : start + duration - 1 <= lastMonth
          ? 'completed'
          : 'in_progress';
    const so: DraftSalesOrder = {
      id: `so_${customerNo}_${pad(salesOrders.length + 1, 3)}`,
      number: `SO-${2000 + ++ctx.counters.salesOrder}`,
      orderDay, startMonth: start, duration, billedMonths, status, lines, monthly, oneOff,
    };
    salesOrders.push(so);
    for (const month of billedMonths) soByMonth.set(month, so);
  };

  const withTail = index === 0 || (ctx.months >= 24 && rng.chance(0.1));
  const soLimit = withTail ? lastMonth - 7 : lastMonth + 3;
  let soMonth = startMonth + rng.int(1, 6);
  let firstSo = true;
  while (soMonth <= soLimit) {
    let duration = rng.pick([3, 4, 6, 6, 9, 12, 12, 18, 24]);
    if (withTail && soMonth + duration - 1 > soLimit) duration = soLimit - soMonth + 1;
    if (duration < 2) break;
    const cancel = (index % 4 === 2 && firstSo) || rng.chance(0.07);
    const orderDay = soMonth > lastMonth ? today - rng.int(0, 20) : dayInMonth(soMonth, billingDay) - rng.int(5, 40);
    makeSalesOrder(soMonth, duration, cancel, orderDay);
    firstSo = false;
    soMonth += duration + rng.int(3, 36);
  }
  if (withTail && lastMonth - 2 >= startMonth) {
    makeSalesOrder(lastMonth - 2, rng.int(6, 12), false, dayInMonth(lastMonth - 2, billingDay) - rng.int(5, 30));
    makeSalesOrder(lastMonth + rng.int(2, 4), rng.pick([6, 12]), false, today - rng.int(0, 14));
  }

  // --- regular monthly invoices -------------------------------------------------------
  // Customers #1 and #3 always have a voided (and reissued) invoice, in a month not billed from an order.
  let forcedVoidMonth = -1;
  if ((index === 0 || index === 2) && ctx.months >= 6) {
    for (let month = startMonth + Math.floor((lastMonth - startMonth) / 3); month < lastMonth && forcedVoidMonth < 0; month++) {
      if (!soByMonth.has(month)) forcedVoidMonth = month;
    }
  }
  for (let month = startMonth; month <= lastMonth; month++) {
    const issueDay = dayInMonth(month, billingDay);
    const so = soByMonth.get(month) ?? null;
    const lines: DraftLine[] = [];
    const label = monthLabel(month);
    if (so) {
      for (const line of so.monthly) {
        lines.push(makeLine(`${line.description} — ${label}`, line.quantity, line.unitPrice, taxRate(line.tax, currency)));
      }
      if (so.billedMonths[0] === month) {
        for (const line of so.oneOff) lines.push(makeLine(line.description, line.quantity, line.unitPrice, taxRate(line.tax, currency)));
      }
      if (rng.chance(0.6)) lines.push(catalogueLine(plan[0] as CatalogueItem, currency, issueDay, planQty[0] as number, `${plan[0]?.description} — ${label}`));
    } else {
      plan.forEach((item, k) => lines.push(catalogueLine(item, currency, issueDay, planQty[k] as number, `${item.description} — ${label}`)));
      const usage = rng.weighted([[0, 35], [1, 40], [2, 20], [3, 5]]);
      const usedUsage = new Set<CatalogueItem>();
      for (let k = 0; k < usage && lines.length < 6; k++) {
        const item = rng.pick(USAGE);
        if (usedUsage.has(item)) continue;
        usedUsage.add(item);
        lines.push(catalogueLine(item, currency, issueDay, quantityOf(item, rng)));
      }
      if (lines.length < 6 && rng.chance(0.04)) {
        const item = rng.pick(ONE_OFF);
        lines.push(catalogueLine(item, currency, issueDay, quantityOf(item, rng)));
      }
      if (lines.length < 6 && rng.chance(0.03)) {
        // A discount: a negative line, never more than the rest of the invoice.
        const before = lines.reduce((sum, line) => sum + line.amount, 0);
        const discount = roundToSignificant(Math.max(1, Math.round(before * (0.05 + rng.float() * 0.1))), 2);
        if (discount < before) lines.push(makeLine('Loyalty discount', 1, -discount, taxRate('service', currency)));
      }
    }
    const invoice = newInvoice(currency, issueDay, lines.slice(0, 6), so);
    if (so) invoice.memo = `Billed from ${so.number}, service month ${so.billedMonths.indexOf(month) + 1} of ${so.duration}.`;
    else if (rng.chance(0.05)) invoice.memo = rng.pick(['Thank you for your business.', 'Prices include the annual review.', 'Please quote the invoice number with your payment.']);
    if (!so && (month === forcedVoidMonth || (month !== lastMonth && rng.chance(0.004)))) {
      // Voided and reissued the same day with the corrected lines.
      invoice.isVoid = true;
      const corrected = lines.map((line, k) => (k === 0 ? makeLine(line.description, line.quantity, Math.max(1, Math.round(line.unitPrice * 0.9)), line.taxRate) : line));
      const reissue = newInvoice(currency, issueDay, corrected.slice(0, 6));
      invoice.replacedBy = reissue;
      reissue.voidOf = invoice;
    }
    // The odd one-off visit, invoiced on its own.
    if (rng.chance(0.03)) {
      const day = Math.min(today, issueDay + rng.int(3, 25));
      const item = rng.pick(ONE_OFF);
      newInvoice(currency, day, [catalogueLine(item, currency, day, quantityOf(item, rng))]);
    }
  }

  // --- a second currency: a branch abroad, billed quarterly ---------------------------
  const secondCurrency = index === 0 || (index >= 6 && ctx.months >= 12 && rng.chance(0.04));
  let otherCurrency: string | null = null;
  if (secondCurrency) {
    otherCurrency = currency === 'EUR' ? 'USD' : currency === 'GBP' ? 'EUR' : currency === 'USD' ? 'EUR' : 'USD';
    const from = Math.max(startMonth, lastMonth - 35);
    for (let month = from; month <= lastMonth; month++) {
      // Quarterly (January, April, July, October); a short history gets its last month.
      if (month % 3 !== 0 && !(month === lastMonth && lastMonth - from < 3)) continue;
      const issueDay = Math.min(today, dayInMonth(month, billingDay) + 3);
      const lines = [catalogueLine(RECURRING[2] as CatalogueItem, otherCurrency, issueDay, 1, `Branch office firewall — Q${Math.floor((month % 12) / 3) + 1} ${Math.floor(month / 12)}`)];
      if (rng.chance(0.5)) {
        const item = rng.pick(USAGE);
        lines.push(catalogueLine(item, otherCurrency, issueDay, quantityOf(item, rng)));
      }
      const invoice = newInvoice(otherCurrency, issueDay, lines);
      invoice.memo = 'Branch office services, billed in local currency.';
    }
  }

  // --- one-off invoices planted in every aging bucket ---------------------------------
  if (delinquent) {
    for (const [low, high] of [[3, 27], [35, 55], [65, 85], [100, 200]] as const) {
      const dpd = rng.int(low, high);
      const issueDay = today - dpd - termsDays;
      const item = rng.pick(ONE_OFF);
      const invoice = newInvoice(currency, issueDay, [catalogueLine(item, currency, issueDay, quantityOf(item, rng))]);
      invoice.forceUnpaid = true;
    }
  }

  // --- ids and numbers, in date order -------------------------------------------------
  invoices.sort((a, b) => a.issueDay - b.issueDay || a.order - b.order);
  invoices.forEach((invoice, k) => {
    invoice.id = `inv_${customerNo}_${pad(k + 1, ctx.invoiceWidth)}`;
    invoice.number = `INV-${10000 + ++ctx.counters.invoice}`;
  });
  for (const invoice of invoices) {
    if (invoice.replacedBy) invoice.memo = `Void: issued in error, replaced by ${invoice.replacedBy.number}.`;
    if (invoice.voidOf) invoice.memo = `Replaces ${invoice.voidOf.number}.`;
  }
  if (delinquent) {
    // An old invoice that was never paid (disputed).
    const old = invoices.filter((invoice) => !invoice.isVoid && !invoice.salesOrder && invoice.issueDay < today - 400);
    const disputed = old.length ? rng.pick(old) : undefined;
    if (disputed) {
      disputed.forceUnpaid = true;
      disputed.memo = 'Disputed: on hold pending review.';
    }
  }

  // --- credit notes -------------------------------------------------------------------
  const creditNotes: Insertable<CreditNotesTable>[] = [];
  const creditAllocations: Insertable<CreditAllocationsTable>[] = [];
  const forcedCredit: Record<number, Record<number, 'full' | 'partial' | 'unapplied'>> = {
    0: { 2: 'full' },
    1: { 4: 'unapplied' },
    2: { 5: 'partial', 7: 'full' },
  };
  let eligible = 0;
  for (const invoice of invoices) {
    if (invoice.isVoid || invoice.forceUnpaid || invoice.total <= 0) continue;
    eligible++;
    const forced = forcedCredit[index]?.[eligible];
    if (!forced && !rng.chance(0.025)) continue;
    const mode = forced ?? rng.weighted([['full', 65], ['partial', 20], ['unapplied', 15]] as const);
    const day = Math.min(today, invoice.issueDay + rng.int(2, 25));
    const unit = 10 ** currencyExponent(invoice.currency);
    const share = mode === 'full' ? 0.1 + rng.float() * 0.4 : 0.3 + rng.float() * 0.5;
    const amount = Math.max(unit, roundToSignificant(Math.round(invoice.total * share), 2));
    let applied = 0;
    if (mode === 'full') applied = Math.min(amount, invoice.total - invoice.paid - invoice.credited);
    else if (mode === 'partial') applied = Math.min(Math.round(amount * (0.3 + rng.float() * 0.4)), invoice.total - invoice.paid - invoice.credited);
    const id = `cn_${customerNo}_${pad(creditNotes.length + 1, 3)}`;
    creditNotes.push({
      tenant_id: ctx.tenantId, id, customer_id: customerId, number: `CN-${5000 + ++ctx.counters.creditNote}`,
      currency: invoice.currency, date: isoOf(day), amount, reason: `${rng.pick(CREDIT_REASONS)} (${invoice.number})`,
      amount_applied: Math.max(0, applied),
    });
    if (applied > 0) {
      invoice.credited += applied;
      invoice.creditDay = Math.max(invoice.creditDay, day);
      creditAllocations.push({
        tenant_id: ctx.tenantId, credit_note_id: id, invoice_id: invoice.id, amount: applied,
        applied_on: isoOf(Math.max(day, invoice.issueDay)),
      });
    }
  }

  // --- payments -----------------------------------------------------------------------
  const payments: DraftPayment[] = [];
  const methodFor = (): Method =>
    rng.chance(0.9) ? preferredMethod : rng.pick(['card', 'bank_transfer', 'cash', 'check', 'wallet', 'other'] as const);
  const pay = (day: number, amount: number, cur: string, allocations: DraftPayment['allocations']) => {
    for (const allocation of allocations) allocation.invoice.paid += allocation.amount;
    payments.push({ order: payments.length, day, currency: cur, amount, method: methodFor(), allocations });
  };
  const remainingOf = (invoice: DraftInvoice) => invoice.total - invoice.paid - invoice.credited;
  const forcedOutcome: Record<number, Record<number, Outcome>> = {
    0: { 1: 'overpay', 3: 'batch' },
    2: { 1: 'partial', 2: 'late', 3: 'batch' },
  };
  for (const cur of otherCurrency ? [currency, otherCurrency] : [currency]) {
    const open = invoices.filter((invoice) => invoice.currency === cur && !invoice.isVoid);
    let ordinalInCurrency = 0;
    for (let k = 0; k < open.length; k++) {
      const invoice = open[k] as DraftInvoice;
      ordinalInCurrency++;
      const remaining = remainingOf(invoice);
      if (invoice.forceUnpaid || remaining <= 0 || invoice.paid > 0) continue;
      let outcome: Outcome = (cur === currency ? forcedOutcome[index]?.[ordinalInCurrency] : undefined) ?? rng.weighted(OUTCOMES[profile]);
      if (outcome === 'unpaid' && invoice.issueDay > today - 365) outcome = 'late';
      const notBefore = invoice.creditDay;
      switch (outcome) {
        case 'ontime': {
          const day = Math.max(notBefore, invoice.issueDay + rng.int(0, termsDays));
          if (day <= today) pay(day, remaining, cur, [{ invoice, amount: remaining }]);
          break;
        }
        case 'late': {
          const day = Math.max(notBefore, invoice.dueDay + rng.int(1, 90));
          if (day <= today) pay(day, remaining, cur, [{ invoice, amount: remaining }]);
          break;
        }
        case 'partial': {
          if (remaining < 2) break;
          const first = Math.min(remaining - 1, Math.max(1, Math.round(remaining * (0.25 + rng.float() * 0.5))));
          const day1 = Math.max(notBefore, invoice.issueDay + rng.int(5, termsDays + 20));
          if (day1 > today) break;
          pay(day1, first, cur, [{ invoice, amount: first }]);
          const day2 = day1 + rng.int(14, 75);
          if (day2 <= today && !rng.chance(0.1)) pay(day2, remaining - first, cur, [{ invoice, amount: remaining - first }]);
          break;
        }
        case 'overpay': {
          const day = Math.max(notBefore, invoice.issueDay + rng.int(0, termsDays));
          if (day <= today) pay(day, roundUp(remaining, cur), cur, [{ invoice, amount: remaining }]);
          break;
        }
        case 'batch': {
          // This invoice and the next one to three, in one transfer: paid in advance by a
          // customer who is never late, or as a catch-up by everyone else.
          const group: DraftInvoice[] = [invoice];
          const want = rng.int(2, 4);
          for (let j = k + 1; j < open.length && group.length < want; j++) {
            const next = open[j] as DraftInvoice;
            if (next.forceUnpaid || next.paid > 0 || remainingOf(next) <= 0) continue;
            group.push(next);
          }
          const last = group[group.length - 1] as DraftInvoice;
          const latestCredit = Math.max(...group.map((g) => g.creditDay));
          let day = profile === 'current' ? invoice.issueDay + rng.int(0, termsDays) : last.issueDay + rng.int(0, 15);
          day = Math.max(day, latestCredit);
          if (profile === 'current' && day > invoice.dueDay) day = Math.max(invoice.issueDay, Math.min(invoice.dueDay, latestCredit));
          if (day > today || group.length < 2) {
            if (invoice.issueDay + termsDays <= today || profile !== 'current') {
              const single = Math.max(notBefore, invoice.issueDay + rng.int(0, termsDays));
              if (single <= today) pay(single, remaining, cur, [{ invoice, amount: remaining }]);
            }
            break;
          }
          const allocations = group.map((g) => ({ invoice: g, amount: remainingOf(g) }));
          pay(day, allocations.reduce((sum, a) => sum + a.amount, 0), cur, allocations);
          break;
        }
        case 'unpaid':
          invoice.forceUnpaid = true;
          invoice.memo ??= 'Disputed: on hold pending review.';
          break;
      }
    }
  }
  payments.sort((a, b) => a.day - b.day || a.order - b.order);

  // --- schedules ----------------------------------------------------------------------
  const schedules: Insertable<SchedulesTable>[] = [];
  const scheduleItems: Insertable<ScheduleItemsTable>[] = [];
  const addSchedule = (kind: string, scheduleName: string, description: string, cur: string | null, cancelled = false) => {
    const id = `sch_${customerNo}_${schedules.length + 1}`;
    schedules.push({ tenant_id: ctx.tenantId, id, customer_id: customerId, kind, name: scheduleName, description, currency: cur, is_cancelled: cancelled });
    return id;
  };
  const addItem = (scheduleId: string, day: number, status: string, amount: number | null, window: [string, string] | null = null, note: string | null = null) => {
    const n = scheduleItems.filter((item) => item.schedule_id === scheduleId).length + 1;
    scheduleItems.push({
      tenant_id: ctx.tenantId, schedule_id: scheduleId, id: `itm_${pad(n, 3)}`, date: isoOf(day),
      window_start: window?.[0] ?? null, window_end: window?.[1] ?? null, amount, status, note,
    });
  };
  const recentRecurring = invoices.filter((invoice) => invoice.currency === currency && !invoice.isVoid && !invoice.salesOrder).at(-1);
  const methodLabel: Record<Method, string> = {
    card: 'card', bank_transfer: 'bank transfer', direct_debit: 'direct debit', cash: 'cash', check: 'cheque', wallet: 'wallet', other: 'other means',
  };

  if (index === 0 || rng.chance(0.5)) {
    const id = addSchedule(
      'billing_arrangement',
      `Monthly billing on the ${ordinal(billingDay)}`,
      `${plan.map((item) => item.description).join(', ')}: invoiced on the ${ordinal(billingDay)} of each month, due in ${termsDays} days, paid by ${methodLabel[preferredMethod]}.`,
      currency,
    );
    const amount = recentRecurring?.total ?? priceIn(currency, 100, today, today);
    for (let m = todayMonth - 2; m <= todayMonth + 11; m++) {
      const day = dayInMonth(m, billingDay);
      addItem(id, day, day <= today ? 'done' : 'scheduled', amount, null, m === todayMonth + 6 ? 'Annual price review' : null);
    }
  }
  if (index === 0 || index === 4 || rng.chance(0.4)) {
    const monthlyVisits = rng.chance(0.3);
    const cancelled = index !== 0 && rng.chance(0.08);
    const id = addSchedule(
      'service',
      monthlyVisits ? 'Monthly on-site support visit' : 'Quarterly preventive maintenance',
      monthlyVisits ? 'An engineer visits to check equipment and answer questions.' : 'Inspection of network equipment, firmware updates and a cabling check.',
      null,
      cancelled,
    );
    const step = monthlyVisits ? 1 : 3;
    const technicians = ['Sam Patel', 'Jo Nakamura', 'Alex Romero', 'Mia Kowalski'];
    let past = 0;
    for (let m = todayMonth - 12; m <= todayMonth + 12; m += step) {
      const day = weekday(dayInMonth(m, rng.int(1, 28)));
      const startHour = rng.pick([7, 8, 9, 10, 13, 14]);
      const startMinute = rng.pick([0, 30]);
      const length = rng.pick([2, 3, 4]);
      const window: [string, string] = [
        `${pad(startHour, 2)}:${pad(startMinute, 2)}`,
        `${pad(startHour + length, 2)}:${pad(startMinute, 2)}`,
      ];
      let status: string;
      if (cancelled) status = day < today - 60 ? 'done' : 'cancelled';
      else if (day < today) {
        past++;
        status = index === 0 && past === 2 ? 'missed' : index === 0 && past === 3 ? 'cancelled' : rng.weighted([['done', 80], ['missed', 10], ['cancelled', 10]]);
      } else status = rng.chance(0.92) ? 'scheduled' : 'cancelled';
      const note =
        status === 'missed' ? 'No access to the site.' : status === 'cancelled' ? 'Cancelled by the customer.' : status === 'done' ? `Technician: ${rng.pick(technicians)}` : null;
      addItem(id, day, status, null, window, note);
    }
  }
  if (delinquent || (profile === 'slow' && rng.chance(0.3))) {
    const overdue = invoices.filter((invoice) => invoice.forceUnpaid).reduce((sum, invoice) => sum + remainingOf(invoice), 0);
    const count = rng.pick([6, 6, 9, 12]);
    const base = overdue > 0 ? overdue : priceIn(currency, 1200, today, today);
    const instalment = Math.max(1, roundToSignificant(Math.ceil(base / count), 2));
    const firstMonthOfPlan = todayMonth - (delinquent ? 3 : rng.int(1, 5));
    const id = addSchedule(
      'payment_plan',
      'Payment plan for the overdue balance',
      `${count} monthly instalments agreed with accounts receivable.`,
      currency,
    );
    for (let n = 0; n < count; n++) {
      const day = dayInMonth(firstMonthOfPlan + n, 10);
      let status: string;
      if (day >= today) status = 'scheduled';
      else if (index === 1) status = n === 1 ? 'missed' : 'done';
      else status = rng.weighted([['done', 75], ['missed', 25]]);
      addItem(id, day, status, instalment, null, status === 'missed' ? 'Direct debit returned unpaid.' : null);
    }
  }

  // --- contacts -----------------------------------------------------------------------
  const contactCount = rng.int(1, 4);
  const primary = rng.int(0, contactCount - 1);
  const contactNames = new Set<string>();
  for (let k = 0; k < contactCount; k++) {
    let contactName = '';
    do contactName = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    while (contactNames.has(contactName));
    contactNames.add(contactName);
    const [first = '', ...rest] = contactName.split(' ');
    chunk.contacts.push({
      tenant_id: ctx.tenantId, customer_id: customerId, id: `con_${k + 1}`, position: k + 1, name: contactName,
      email: rng.chance(0.95) ? `${asciiSlug(first)}.${asciiSlug(rest.join(' ')).replace(/-/g, '')}@${domain}` : null,
      phone: rng.chance(0.8) ? phoneFrom(country.phone, rng) : null,
      role: k === primary ? 'Accounts payable' : rng.pick(CONTACT_ROLES),
      is_primary: k === primary,
    });
  }

  // --- the customer row and the rest --------------------------------------------------
  const earliest = Math.min(...invoices.map((invoice) => invoice.issueDay), ...salesOrders.map((so) => so.orderDay));
  const manager = rng.pick(ACCOUNT_MANAGERS);
  chunk.customers.push({
    tenant_id: ctx.tenantId,
    id: customerId,
    name,
    email: `${rng.pick(['billing', 'accounts', 'ap', 'finance'])}@${domain}`,
    phone: phoneFrom(country.phone, rng),
    address: JSON.stringify({
      line1: country.line1(rng.pick(country.streets), rng),
      line2: rng.chance(0.3) ? rng.pick(['Suite 200', 'Floor 3', 'Unit 7', 'Building B']) : null,
      city: city.city,
      region: city.region,
      postalCode: city.postalCode,
      country: country.code,
    }),
    currency,
    billing_terms: `NET${termsDays}`,
    billing_cycle: `Monthly on the ${ordinal(billingDay)}`,
    account_manager: JSON.stringify(manager),
    customer_since: isoOf(earliest - rng.int(7, 90)),
  });

  for (const so of salesOrders) {
    chunk.salesOrders.push({
      tenant_id: ctx.tenantId, id: so.id, customer_id: customerId, number: so.number, currency, order_date: isoOf(so.orderDay),
      service_period_start: isoOf(dayInMonth(so.startMonth, 1)),
      service_period_end: isoOf(dayInMonth(so.startMonth + so.duration - 1, 31)),
      status: so.status, total: so.lines.reduce((sum, line) => sum + line.amount, 0),
    });
    so.lines.forEach((line, k) =>
      chunk.salesOrderLines.push({
        tenant_id: ctx.tenantId, sales_order_id: so.id, position: k + 1, description: line.description,
        quantity: line.quantity, unit_price: line.unitPrice, amount: line.amount,
      }),
    );
  }

  for (const invoice of invoices) {
    chunk.invoices.push({
      tenant_id: ctx.tenantId, id: invoice.id, customer_id: customerId, number: invoice.number, currency: invoice.currency,
      issue_date: isoOf(invoice.issueDay), due_date: isoOf(invoice.dueDay), is_void: invoice.isVoid,
      sales_order_id: invoice.salesOrder?.id ?? null, memo: invoice.memo, subtotal: invoice.subtotal, tax: invoice.tax,
      total: invoice.total, amount_paid: invoice.paid, amount_credited: invoice.credited,
    });
    invoice.lines.forEach((line, k) =>
      chunk.invoiceLines.push({
        tenant_id: ctx.tenantId, invoice_id: invoice.id, position: k + 1, description: line.description, quantity: line.quantity,
        unit_price: line.unitPrice, amount: line.amount, tax_rate: line.taxRate, tax_amount: line.taxAmount,
      }),
    );
  }

  const paymentWidth = Math.max(5, ctx.invoiceWidth + 1);
  payments.forEach((payment, k) => {
    const id = `pay_${customerNo}_${pad(k + 1, paymentWidth)}`;
    const applied = payment.allocations.reduce((sum, a) => sum + a.amount, 0);
    chunk.payments.push({
      tenant_id: ctx.tenantId, id, customer_id: customerId, currency: payment.currency, amount: payment.amount, date: isoOf(payment.day),
      method: payment.method, reference: referenceFor(payment, rng), amount_applied: applied,
    });
    for (const allocation of payment.allocations) {
      chunk.paymentAllocations.push({
        tenant_id: ctx.tenantId, payment_id: id, invoice_id: allocation.invoice.id, amount: allocation.amount,
        applied_on: isoOf(Math.max(payment.day, allocation.invoice.issueDay)),
      });
    }
  });
  chunk.creditNotes.push(...creditNotes);
  chunk.creditAllocations.push(...creditAllocations);
  chunk.schedules.push(...schedules);
  chunk.scheduleItems.push(...scheduleItems);

  return {
    chunk,
    id: customerId,
    counts: {
      invoices: invoices.length, payments: payments.length, creditNotes: creditNotes.length,
      salesOrders: salesOrders.length, schedules: schedules.length,
    },
  };
}

function referenceFor(payment: DraftPayment, rng: Random): string | null {
  const date = isoOf(payment.day).replace(/-/g, '');
  switch (payment.method) {
    case 'card':
      return `ch_${rng.string(16, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
    case 'bank_transfer':
      return `TRF ${date}-${rng.string(6, '0123456789')}`;
    case 'direct_debit':
      return `DD-${date.slice(0, 6)}-${rng.string(5, '0123456789')}`;
    case 'check':
      return `Cheque no. ${rng.int(100_000, 999_999)}`;
    case 'cash':
      return `Receipt ${rng.int(1000, 9999)}`;
    case 'wallet':
      return `PAYPAL-${rng.string(12)}`;
    default:
      return rng.chance(0.5) ? null : `Offset ${date}`;
  }
}

interface Counts {
  invoices: number;
  payments: number;
  creditNotes: number;
  salesOrders: number;
  schedules: number;
}

async function writeChunk(db: Kysely<Database>, chunk: Chunk): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [key, table] of TABLE_ORDER) {
      const rows = chunk[key] as Insertable<Database[typeof table]>[];
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        // The row types differ per table; the key/table pairs above keep them matched.
        await trx.insertInto(table).values(rows.slice(start, start + ROWS_PER_INSERT) as never).execute();
      }
    }
  });
}

function appendChunk(target: Chunk, source: Chunk): void {
  for (const [key] of TABLE_ORDER) {
    const rows = source[key] as unknown[];
    const into = target[key] as unknown[];
    for (const row of rows) into.push(row);
  }
}

/**
 * Writes `options.customers` customers with `options.years` of history into the tenant
 * (which must exist and must not already hold these ids).
 */
export async function seedTenantData(db: Kysely<Database>, options: SeedOptions): Promise<SeedResult> {
  const { tenantId, customers, years, seed } = options;
  if (!Number.isInteger(customers) || customers < 0) throw new RangeError('customers must be a non-negative integer');
  if (!(years > 0) || years > 200) throw new RangeError('years must be in (0, 200]');
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be an integer');
  const todayDay = dayOf(options.today);
  const months = Math.max(1, Math.round(years * 12));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));

  const ctx: Context = {
    tenantId,
    seed,
    customers,
    todayDay,
    months,
    customerWidth: Math.max(4, String(customers).length),
    invoiceWidth: Math.max(4, String(Math.ceil(months * 1.1) + 20).length),
    counters: { invoice: 0, creditNote: 0, salesOrder: 0 },
  };

  const result: SeedResult = { customers: 0, invoices: 0, payments: 0, creditNotes: 0, salesOrders: 0, schedules: 0, customerIds: [] };
  const usedNames = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let written = 0;
  options.onProgress?.(0, customers);

  const submit = async (chunk: Chunk, customerCount: number) => {
    while (inFlight.size >= concurrency && !failure) await Promise.race(inFlight);
    if (failure) throw failure.error;
    const task: Promise<void> = writeChunk(db, chunk).then(
      () => {
        inFlight.delete(task);
        written += customerCount;
        options.onProgress?.(written, customers);
      },
      (error: unknown) => {
        inFlight.delete(task);
        failure ??= { error };
      },
    );
    inFlight.add(task);
  };

  let pending = emptyChunk();
  let pendingCustomers = 0;
  for (let index = 0; index < customers; index++) {
    const { chunk, counts, id } = generateCustomer(ctx, index, usedNames);
    result.customers++;
    result.invoices += counts.invoices;
    result.payments += counts.payments;
    result.creditNotes += counts.creditNotes;
    result.salesOrders += counts.salesOrders;
    result.schedules += counts.schedules;
    result.customerIds.push(id);
    if (chunkRows(pending) === 0) pending = chunk;
    else appendChunk(pending, chunk);
    pendingCustomers++;
    if (chunkRows(pending) >= FLUSH_ROWS) {
      await submit(pending, pendingCustomers);
      pending = emptyChunk();
      pendingCustomers = 0;
    }
  }
  if (pendingCustomers > 0) await submit(pending, pendingCustomers);
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  return result;
}
