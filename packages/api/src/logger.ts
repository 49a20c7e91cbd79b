import pino, { type Logger } from 'pino';

/**
 * JSON logs. Credentials are redacted by path as a second line of defence: the request
 * log never records headers in the first place.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'secret', 'token', '*.secret', '*.token'], censor: '[redacted]' },
  });
}
