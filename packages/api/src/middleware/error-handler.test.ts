import { Hono } from 'hono';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './error-handler.ts';

/** An error shaped as pg raises it: a message plus SQLSTATE and severity fields. */
function pgError(message: string, fields: { code: string; severity?: string }) {
  return Object.assign(new Error(message), { severity: 'ERROR', ...fields });
}

function appThrowing(error: Error) {
  const app = new Hono();
  app.onError(errorHandler(pino({ level: 'silent' })));
  app.get('/', () => {
    throw error;
  });
  return app;
}

describe('error handler', () => {
  it.each([
    ['a database closed to connections (FATAL 55000)', pgError('database "x" is not currently accepting connections', { code: '55000', severity: 'FATAL' })],
    ['a database that no longer exists (FATAL 3D000)', pgError('database "x" does not exist', { code: '3D000', severity: 'FATAL' })],
    ['a terminated backend (57P01)', pgError('terminating connection due to administrator command', { code: '57P01', severity: 'FATAL' })],
    ['a statement timeout (57014)', pgError('canceling statement due to statement timeout', { code: '57014' })],
    ['a refused socket', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a dead client', new Error('Client has encountered a connection error and is not queryable')],
  ])('answers 503 with Retry-After for %s', async (_name, error) => {
    const response = await appThrowing(error).request('/');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({ error: { code: 'database_unavailable', message: expect.any(String) } });
  });

  it.each([
    ['a deadlock victim (40P01)', pgError('deadlock detected', { code: '40P01' })],
    ['a serialization failure (40001)', pgError('could not serialize access', { code: '40001' })],
  ])('answers 409 with Retry-After for %s: nothing was written, the request may be sent again', async (_name, error) => {
    const response = await appThrowing(error).request('/');
    expect(response.status).toBe(409);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('conflict');
  });

  it('answers 500 for an error that is neither, such as a constraint the code should have checked first', async () => {
    const response = await appThrowing(pgError('new row violates check constraint', { code: '23514' })).request('/');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
  });
});
