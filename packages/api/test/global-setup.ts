import pg from 'pg';
import type { TestProject } from 'vitest/node';
import './provided-context.ts';

/**
 * With DATABASE_URL set, the run creates its own database on that server, migrates it
 * in the first test file that opens it, and drops it at the end; every test file works
 * in tenants of its own, so files share the database safely. Without DATABASE_URL the
 * PostgreSQL half of the suite is skipped — except in CI, where that is an error.
 */
export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL;
  if (!base) {
    if (process.env.CI) throw new Error('CI runs the suite on PostgreSQL too: set DATABASE_URL');
    project.provide('postgresUrl', '');
    return;
  }
  const name = `ssp_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  project.provide('postgresUrl', url.toString());

  return async () => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
}
