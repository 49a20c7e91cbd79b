/**
 * The bench's API server: `SSP_BENCH_WORKERS` (default 1) processes of the plain API
 * (no demo host page) on `PORT`, over `DATABASE_URL`. With more than one, node:cluster
 * forks them and the primary hands each new connection to the next worker in turn
 * (round robin, the default on Linux), which is what a load balancer in front of
 * separate machines does: nothing is shared between the workers but PostgreSQL.
 *
 * Run as a child process by `npm run bench`, so that the load generator does not share
 * an event loop with the server it measures. Prints `ready <port>` once every worker
 * listens.
 */
import cluster from 'node:cluster';
import { Hono } from 'hono';
import { readConfig } from '../config.ts';
import { createRuntime, listen } from '../server.ts';

const workers = Number(process.env.SSP_BENCH_WORKERS || '1');
if (!Number.isInteger(workers) || workers < 1) throw new Error(`SSP_BENCH_WORKERS must be a positive integer, got ${process.env.SSP_BENCH_WORKERS}`);

async function serveOne() {
  const config = readConfig();
  const runtime = await createRuntime(config);
  const server = await listen(new Hono().route('/', runtime.app), config.port);
  const stop = async () => {
    server.close();
    await runtime.database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  return config.port;
}

if (workers === 1) {
  console.log(`ready ${await serveOne()}`);
} else if (cluster.isPrimary) {
  // Migrate once before forking, so the workers do not queue on the migration lock.
  const runtime = await createRuntime(readConfig());
  await runtime.database.close();
  let listening = 0;
  let shuttingDown = false;
  for (let i = 0; i < workers; i += 1) cluster.fork();
  cluster.on('listening', (_worker, address) => {
    listening += 1;
    if (listening === workers) console.log(`ready ${address.port}`);
  });
  cluster.on('exit', (worker, code) => {
    if (code !== 0 && !shuttingDown) console.error(`worker ${worker.process.pid} exited with ${code}`);
  });
  const stop = () => {
    shuttingDown = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    cluster.disconnect(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  await serveOne();
}
