/**
 * The Portal API for the examples, running in the example's own Node process on
 * embedded PGlite with the demo tenant's data (the same code `npm start` runs), so that
 * each example starts with one command and no database server. A real host points its
 * backend at its own API instead: set `SSP_API_URL` and `SSP_SECRET_KEY` and nothing
 * starts here.
 */
import { DEMO_TENANT_ID, ensureDemoTenant } from '../../packages/api/src/demo/demo-tenant.ts';
import { createRuntime, listen, readConfig, updateTenant } from '../../packages/api/src/index.ts';

export interface DevApi {
  /** Base URL of the Portal/Host API, e.g. `http://localhost:3101`. */
  apiUrl: string;
  /** The tenant's secret key: stays in the host's backend, never in a page. */
  secretKey: string;
  /** Customers the host can "sign in" as. */
  customerIds: string[];
  close(): Promise<void>;
}

export interface DevApiOptions {
  /** Port of the API (0: any free port). */
  port: number;
  /** Page origins allowed to call the Portal API (the tenant's CORS allowlist). */
  origins: string[];
}

/** Starts the API with demo data, or describes the external one named by the environment. */
export async function startDevApi(options: DevApiOptions): Promise<DevApi> {
  const external = process.env.SSP_API_URL;
  if (external) {
    const secretKey = process.env.SSP_SECRET_KEY;
    if (!secretKey) throw new Error('SSP_API_URL is set: set SSP_SECRET_KEY to the tenant secret key too');
    const customerIds = (process.env.SSP_CUSTOMER_IDS ?? 'cus_0001').split(',');
    return { apiUrl: external.replace(/\/+$/, ''), secretKey, customerIds, close: async () => {} };
  }
  // Always embedded PGlite (a DATABASE_URL meant for npm start is left alone), in memory
  // unless SSP_DATA_DIR is set: each run starts from the same demo data.
  const config = { ...readConfig(), databaseUrl: undefined, dataDir: process.env.SSP_DATA_DIR || 'memory://', logLevel: process.env.LOG_LEVEL || 'warn' };
  const runtime = await createRuntime(config);
  const demo = await ensureDemoTenant(runtime.deps.db, { port: options.port, secretKey: config.demoSecretKey, clock: runtime.deps.clock });
  // The demo tenant allows npm start's origin; the example's page lives elsewhere.
  await updateTenant(runtime.deps.db, DEMO_TENANT_ID, { allowedOrigins: options.origins });
  runtime.deps.tenants.forget();
  const server = await listen(runtime.app, options.port);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    apiUrl: `http://localhost:${port}`,
    secretKey: demo.secretKey,
    customerIds: demo.customerIds,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await runtime.database.close();
    },
  };
}
