/** `npm run db:migrate`: brings the configured database's schema up to date (start-up does this too). */
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';

const config = readConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, migrate: false });
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
} finally {
  await database.close();
}
