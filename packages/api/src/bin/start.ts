/**
 * `npm start`: the API and the demo host page on one port. Embedded PGlite (on disk at
 * SSP_DATA_DIR) unless DATABASE_URL is set; migrations run first; the demo tenant is
 * seeded when empty.
 */
import { Hono } from 'hono';
import { readConfig } from '../config.ts';
import { demoHostRoutes } from '../demo/demo-host.ts';
import { ensureDemoTenant } from '../demo/demo-tenant.ts';
import { createRuntime, listen, shutdownGracefully } from '../server.ts';

const config = readConfig();
const runtime = await createRuntime(config);
const demo = await ensureDemoTenant(runtime.deps.db, { port: config.port, secretKey: config.demoSecretKey, clock: runtime.deps.clock });

const root = new Hono();
root.route('/', demoHostRoutes({ db: runtime.deps.db, secretKey: demo.secretKey, api: runtime.app }));
root.route('/', runtime.app);
const server = await listen(root, config.port);

const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite at ${config.dataDir}`;
console.log(`
Self-Service Portal on http://localhost:${config.port}  (${where}${demo.seeded ? ', demo data seeded' : ''})
  demo host page   http://localhost:${config.port}/
  API reference    http://localhost:${config.port}/v1/docs
  health           http://localhost:${config.port}/v1/health
  demo secret key  ${demo.secretKey}${config.demoSecretKey ? '  (from SSP_DEMO_SECRET_KEY)' : '  (new each start; set SSP_DEMO_SECRET_KEY to keep one)'}
  demo customers   ${demo.customerIds.slice(0, 6).join(', ')}

Try:  curl -s -X POST http://localhost:${config.port}/v1/sessions -H "Authorization: Bearer ${demo.secretKey}" -H 'Content-Type: application/json' -d '{"customerId":"${demo.customerIds[0] ?? ''}"}'
`);

/** Hard limit on shutting down: orchestrators (Kubernetes' default grace is 30 s) expect an exit well before they SIGKILL. */
const EXIT_WITHIN_MS = 10_000;

async function shutdown(signal: string) {
  runtime.deps.logger.info({ signal }, 'shutting down');
  setTimeout(() => {
    runtime.deps.logger.error('shutdown took too long; exiting');
    process.exit(1);
  }, EXIT_WITHIN_MS).unref();
  try {
    await shutdownGracefully(server, runtime, EXIT_WITHIN_MS - 2_000);
    process.exit(0);
  } catch (error) {
    runtime.deps.logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
