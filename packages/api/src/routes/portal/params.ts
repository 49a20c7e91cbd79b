import { z } from '@hono/zod-openapi';
import { Id } from '@ssp/schemas';

/** `/:id` of a portal detail route. */
export const IdParam = z.object({ id: Id.meta({ param: { name: 'id', in: 'path' } }) });

export const portalSecurity = [{ sessionToken: [] }];
