import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.ts';

/** Bodies are JSON: anything else is refused before it is parsed (415). */
export const requireJson: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'POST' || c.req.method === 'PATCH' || c.req.method === 'PUT') {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
      throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
    }
  }
  await next();
};
