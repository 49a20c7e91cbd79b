export { PortalClient, type PortalClientOptions, type Query, type RequestOptions } from './client.ts';
export { NetworkError, PortalError, SessionExpiredError, isAbort } from './errors.ts';
