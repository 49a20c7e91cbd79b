/** Configuration from the environment (names fixed by SPEC.md). */
export interface Config {
  port: number;
  /** Unset: embedded PGlite. */
  databaseUrl: string | undefined;
  /** PGlite's directory. */
  dataDir: string;
  /** The demo tenant's secret key, when set; otherwise `npm start` generates one. */
  demoSecretKey: string | undefined;
  /** Session token lifetime in seconds. */
  sessionTtlSeconds: number;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  logLevel: string;
  /** `SSP_SMTP_URL` (smtp:// or smtps://, credentials and nodemailer options in the URL); unset: emailing statements answers 503. */
  smtpUrl: string | undefined;
  /** `SSP_MAIL_FROM`: the sender address of emails (the tenant's display name goes with it). */
  mailFrom: string;
  /**
   * `SSP_LISTEN_DATABASE_URL`: where the LISTEN connection of live updates goes, when
   * DATABASE_URL points at a pooler in transaction mode (PgBouncer), which cannot hold a
   * LISTEN. Unset: DATABASE_URL.
   */
  listenDatabaseUrl: string | undefined;
  /**
   * `SSP_PREPARED_STATEMENTS` (`on`, the default, or `off`): whether the hottest reads go to
   * PostgreSQL as named prepared statements (db/prepared.ts). `off` behind a pooler in
   * transaction mode that does not keep them (PgBouncer before 1.21, or without
   * `max_prepared_statements`); left on, such a pooler is detected on its first refusal.
   */
  preparedStatements: boolean;
  /** `SSP_EVENTS_MAX_STREAMS`: open live-update streams this process accepts before answering 429. */
  eventsMaxStreams: number;
  /** `SSP_EVENTS_MAX_STREAMS_PER_CUSTOMER`: open streams of one customer in this process (tabs, devices). */
  eventsMaxStreamsPerCustomer: number;
  /** `SSP_EVENTS_HEARTBEAT_MS`: how often an idle stream sends `: ping` (keeps proxies from closing it). */
  eventsHeartbeatMs: number;
  /** `SSP_EVENTS_REPLAY_LIMIT`: most events a resuming stream replays; more missed than that → `resync`. */
  eventsReplayLimit: number;
  /** `SSP_EVENTS_RETENTION_DAYS`: how long the outbox keeps events (older Last-Event-IDs get `resync`). */
  eventsRetentionDays: number;
  /** `SSP_RATE_LIMIT_SESSION_PER_MIN`: Portal API requests per customer per minute, per process; 0 turns the limit off. */
  rateLimitSessionPerMin: number;
  /** `SSP_RATE_LIMIT_KEY_PER_MIN`: Host API requests per secret key per minute, per process; 0 turns the limit off. */
  rateLimitKeyPerMin: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: positiveInt(env.PORT, 8787, 'PORT'),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.SSP_DATA_DIR || '.data/pglite',
    demoSecretKey: env.SSP_DEMO_SECRET_KEY || undefined,
    sessionTtlSeconds: positiveInt(env.SSP_SESSION_TTL_SECONDS, 900, 'SSP_SESSION_TTL_SECONDS'),
    maxBodyBytes: positiveInt(env.SSP_MAX_BODY_BYTES, 5 * 1024 * 1024, 'SSP_MAX_BODY_BYTES'),
    logLevel: env.LOG_LEVEL || 'info',
    smtpUrl: smtpUrl(env.SSP_SMTP_URL),
    mailFrom: env.SSP_MAIL_FROM || 'billing@localhost',
    listenDatabaseUrl: env.SSP_LISTEN_DATABASE_URL || undefined,
    preparedStatements: onOff(env.SSP_PREPARED_STATEMENTS, true, 'SSP_PREPARED_STATEMENTS'),
    eventsMaxStreams: positiveInt(env.SSP_EVENTS_MAX_STREAMS, 5_000, 'SSP_EVENTS_MAX_STREAMS'),
    eventsMaxStreamsPerCustomer: positiveInt(env.SSP_EVENTS_MAX_STREAMS_PER_CUSTOMER, 5, 'SSP_EVENTS_MAX_STREAMS_PER_CUSTOMER'),
    eventsHeartbeatMs: positiveInt(env.SSP_EVENTS_HEARTBEAT_MS, 20_000, 'SSP_EVENTS_HEARTBEAT_MS'),
    eventsReplayLimit: positiveInt(env.SSP_EVENTS_REPLAY_LIMIT, 1_000, 'SSP_EVENTS_REPLAY_LIMIT'),
    eventsRetentionDays: positiveInt(env.SSP_EVENTS_RETENTION_DAYS, 7, 'SSP_EVENTS_RETENTION_DAYS'),
    rateLimitSessionPerMin: nonNegativeInt(env.SSP_RATE_LIMIT_SESSION_PER_MIN, 600, 'SSP_RATE_LIMIT_SESSION_PER_MIN'),
    rateLimitKeyPerMin: nonNegativeInt(env.SSP_RATE_LIMIT_KEY_PER_MIN, 3000, 'SSP_RATE_LIMIT_KEY_PER_MIN'),
  };
}

function smtpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    throw new Error('SSP_SMTP_URL must be a URL like smtp://user:pass@mail.example.com:587');
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') throw new Error(`SSP_SMTP_URL must start with smtp:// or smtps://, got ${protocol}`);
  return value;
}

function onOff(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new Error(`${name} must be "on" or "off", got "${value}"`);
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return parsed;
}

function nonNegativeInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number, 0 or more, got "${value}"`);
  return parsed;
}
