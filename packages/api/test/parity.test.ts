import { inject, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connect.ts';
import { ingestFixture } from './fixture.ts';
import { type TestApi, createTestApi } from './harness.ts';

/**
 * The two backends parse types differently (count(*), int8, numeric, dates). Every
 * portal response must come out byte-identical on both, so the same fixture is read
 * through every route on each and the bodies are compared.
 */
const postgresUrl = inject('postgresUrl');

describe.skipIf(!postgresUrl)('PGlite and PostgreSQL answer identically', () => {
  it('gives byte-identical bodies on every portal route', async () => {
    const pglite = await openDatabase({});
    const postgres = await openDatabase({ url: postgresUrl });
    try {
      const bodies: string[][] = [];
      for (const database of [pglite, postgres]) {
        const api: TestApi = await createTestApi(database);
        // Same customer id on both, so ids in the bodies match too.
        await ingestFixture(api, 'parity');
        const token = await api.token('parity');
        const paths = [
          '/v1/portal/summary', '/v1/portal/account', '/v1/portal/profile', '/v1/portal/invoices', '/v1/portal/invoices?status=overdue,paid&sort=total',
          '/v1/portal/invoices/parity-INV-3', '/v1/portal/payments', '/v1/portal/payments/parity-P2', '/v1/portal/credit-notes',
          '/v1/portal/statement', '/v1/portal/statement?from=2026-03-01&to=2026-05-31', '/v1/portal/sales-orders', '/v1/portal/sales-orders/parity-SO-1', '/v1/portal/schedules', '/v1/portal/schedules/parity-SCH-1',
          '/v1/portal/invoices?limit=2',
        ];
        const texts: string[] = [];
        for (const path of paths) {
          const response = await api.portal(token, path);
          expect(response.status, path).toBe(200);
          texts.push(`${path} ${await response.text()}`);
        }
        bodies.push(texts);
      }
      expect(bodies[1]).toEqual(bodies[0]);
    } finally {
      await pglite.close();
      await postgres.close();
    }
  });
});
