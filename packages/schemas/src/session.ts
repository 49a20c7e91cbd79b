import { z } from 'zod';
import { Id } from './common.ts';

export const SessionRequest = z
  .object({
    customerId: Id,
    ttlSeconds: z.number().int().min(60).max(86_400).optional().meta({ description: 'Token lifetime; default 900 (15 minutes).' }),
  })
  .meta({ id: 'SessionRequest' });
export type SessionRequest = z.infer<typeof SessionRequest>;

export const Session = z
  .object({
    token: z.string().meta({ description: 'Hand this to the elements (`token` attribute or token callback).' }),
    expiresAt: z.string().meta({ description: 'ISO 8601 instant.' }),
    customerId: z.string(),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

export const Health = z
  .object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['pglite', 'postgresql']) })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;
