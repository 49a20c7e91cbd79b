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
