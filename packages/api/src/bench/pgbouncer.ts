import { execFileSync } from 'node:child_process';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Child, freePort, startChild } from './processes.ts';

export const PGBOUNCER = process.env.PGBOUNCER_PATH || '/usr/sbin/pgbouncer';

/**
 * PgBouncer in transaction pooling in front of `databaseUrl`, as a child process with its
 * configuration in a temporary directory, on a free loopback port. Returns the URL to
 * give the API instead of the direct one.
 *
 * `ignore_startup_parameters = options`: the API's pool sends `options=-c TimeZone=UTC
 * -c statement_timeout=15000` at connect, which PgBouncer before 1.20 refuses outright
 * ("unsupported startup parameter"). What those settings do is instead set on the
 * server connections by PgBouncer itself (`connect_query`), which is where they belong
 * when connections are shared: a client cannot give a shared connection its own
 * session settings anyway.
 */
export async function startPgBouncer(databaseUrl: string, poolSize: number): Promise<Child & { url: string }> {
  const target = new URL(databaseUrl);
  const database = target.pathname.slice(1);
  const dir = await mkdtemp(join(tmpdir(), 'ssp-pgbouncer-'));
  const port = await freePort();
  const user = decodeURIComponent(target.username || 'postgres');
  await writeFile(join(dir, 'userlist.txt'), `"${user}" ""\n`);
  const connectQuery = "SET TimeZone = 'UTC'; SET statement_timeout = 15000";
  await writeFile(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `${database} = host=${target.hostname} port=${target.port || 5432} dbname=${database} user=${user} connect_query='${connectQuery.replaceAll("'", "''")}'`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'auth_type = trust',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 1000',
      'ignore_startup_parameters = options,extra_float_digits',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root: under root (a CI container), it is told to switch
  // to PGBOUNCER_USER (default postgres), which then has to own its directory.
  const args = ['-v', join(dir, 'pgbouncer.ini')];
  if (process.getuid?.() === 0) {
    const runAs = process.env.PGBOUNCER_USER || 'postgres';
    const uid = Number(execFileSync('id', ['-u', runAs]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', runAs]).toString().trim());
    for (const path of [dir, join(dir, 'userlist.txt'), join(dir, 'pgbouncer.ini')]) await chown(path, uid, gid);
    args.unshift('-u', runAs);
  }
  const child = await startChild(PGBOUNCER, args, {
    env: process.env,
    ready: /process up|listening on/i,
    timeoutMs: 10_000,
    name: 'pgbouncer',
  }).catch(async (error) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  const auth = target.username ? `${encodeURIComponent(user)}@` : '';
  return {
    ...child,
    url: `postgres://${auth}127.0.0.1:${port}/${database}`,
    stop: async () => {
      await child.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
