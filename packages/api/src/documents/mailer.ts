import { createTransport, type Transporter } from 'nodemailer';

const transports = new Map<string, Transporter>();

/**
 * The SMTP transport for `url`, made the first time it is needed and kept for the
 * process (keyed by URL, so that tests with servers of their own each get theirs).
 * Timeouts keep a dead mail server from holding a request for minutes; options in the
 * URL's query (`?pool=true`, `?requireTLS=true`…) win over these defaults.
 */
export function mailTransport(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    transports.set(url, transport);
  }
  return transport;
}
