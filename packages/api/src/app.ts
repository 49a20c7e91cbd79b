import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Deps } from './env.ts';
import { ApiError } from './errors.ts';
import { errorHandler } from './middleware/error-handler.ts';
import { eventPosition } from './middleware/event-position.ts';
import { hostAuth } from './middleware/host-auth.ts';
import { portalCors, portalOriginCheck } from './middleware/portal-cors.ts';
import { hostRateLimit, sessionRateLimit } from './middleware/rate-limit.ts';
import { requestLog } from './middleware/request-log.ts';
import { requireJson } from './middleware/require-json.ts';
import { sessionAuth } from './middleware/session-auth.ts';
import { docsRoutes } from './routes/docs.ts';
import { healthRoutes } from './routes/health.ts';
import { creditNoteRoutes } from './routes/host/credit-notes.ts';
import { customerRoutes } from './routes/host/customers.ts';
import { invoiceRoutes } from './routes/host/invoices.ts';
import { paymentRoutes } from './routes/host/payments.ts';
import { salesOrderRoutes } from './routes/host/sales-orders.ts';
import { scheduleRoutes } from './routes/host/schedules.ts';
import { sessionRoutes } from './routes/host/sessions.ts';
import { hostStatementEmailRoutes } from './routes/host/statement-email.ts';
import { accountRoutes } from './routes/portal/account.ts';
import { portalCreditNoteRoutes } from './routes/portal/credit-notes.ts';
import { eventRoutes } from './routes/portal/events.ts';
import { invoiceExportRoutes } from './routes/portal/invoice-export.ts';
import { portalInvoicePdfRoutes } from './routes/portal/invoice-pdf.ts';
import { portalInvoiceRoutes } from './routes/portal/invoices.ts';
import { paymentExportRoutes } from './routes/portal/payment-export.ts';
import { portalPaymentRoutes } from './routes/portal/payments.ts';
import { profileRoutes } from './routes/portal/profile.ts';
import { portalSalesOrderRoutes } from './routes/portal/sales-orders.ts';
import { portalScheduleRoutes } from './routes/portal/schedules.ts';
import { statementCsvRoutes } from './routes/portal/statement-csv.ts';
import { statementEmailRoutes } from './routes/portal/statement-email.ts';
import { statementPdfRoutes } from './routes/portal/statement-pdf.ts';
import { statementRoutes } from './routes/portal/statement.ts';
import { summaryRoutes } from './routes/portal/summary.ts';

const HOST_PATHS = ['/v1/sessions', '/v1/customers', '/v1/invoices', '/v1/payments', '/v1/credit-notes', '/v1/sales-orders', '/v1/schedules'];

/**
 * The whole API as one Hono app: no port, so tests call `app.request()` and the server
 * (or several, behind a load balancer) wraps it. Stateless: everything it knows lives
 * in PostgreSQL, apart from a short tenant cache.
 */
export function createApp(deps: Deps) {
  const app = new OpenAPIHono();
  app.onError(errorHandler(deps.logger));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}` } }, 404));

  app.use('/v1/*', requestLog(deps.logger));
  app.use('/v1/*', secureHeaders({ crossOriginResourcePolicy: false, crossOriginEmbedderPolicy: false, crossOriginOpenerPolicy: false }));
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: deps.config.maxBodyBytes,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `request body larger than ${deps.config.maxBodyBytes} bytes`);
      },
    }),
  );

  // Host API: secret key, no CORS (a browser must never hold the key).
  const hostLimit = hostRateLimit(deps);
  for (const path of HOST_PATHS) {
    app.use(path, hostAuth(deps), hostLimit, requireJson);
    app.use(`${path}/*`, hostAuth(deps), hostLimit, requireJson);
  }
  // Portal API: session token, CORS for the tenant's own origins.
  // Last, so that the position it sends is read just before the route's queries.
  app.use('/v1/portal/*', portalCors(deps), sessionAuth(deps), portalOriginCheck, sessionRateLimit(deps), requireJson, eventPosition(deps));

  const routers = [
    healthRoutes(deps),
    sessionRoutes(deps),
    customerRoutes(deps),
    invoiceRoutes(deps),
    paymentRoutes(deps),
    creditNoteRoutes(deps),
    salesOrderRoutes(deps),
    scheduleRoutes(deps),
    hostStatementEmailRoutes(deps),
    summaryRoutes(deps),
    accountRoutes(deps),
    profileRoutes(deps),
    // Before the list's /{id}, which would take `export` for an id.
    invoiceExportRoutes(deps),
    portalInvoiceRoutes(deps),
    portalInvoicePdfRoutes(deps),
    paymentExportRoutes(deps),
    portalPaymentRoutes(deps),
    statementRoutes(deps),
    statementPdfRoutes(deps),
    statementEmailRoutes(deps),
    statementCsvRoutes(deps),
    portalSalesOrderRoutes(deps),
    portalCreditNoteRoutes(deps),
    portalScheduleRoutes(deps),
    eventRoutes(deps),
  ];
  for (const router of routers) app.route('/', router as unknown as OpenAPIHono);
  app.route('/', docsRoutes(app));
  return app;
}

export type App = ReturnType<typeof createApp>;
