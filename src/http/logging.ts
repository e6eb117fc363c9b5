import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';
import { canonicalTrackingCode } from '../modules/messages/index.js';

export const REDACTED = '[redacted]';

/** Query names whose value is a secret wherever they appear (a tracking code typed into the portal's lookup, tokens). */
const SECRET_NAMES = new Set(['code', 'trackingcode', 'token', 'challengetoken', 'password', 'secret']);

/**
 * A request URL fit for the log: every path segment and query value that is a message tracking code, in any
 * form the lookup accepts (lower case, without dashes, O for 0 …), and every value of a secret-bearing query
 * name, replaced by `[redacted]`. A tracking code alone opens the citizen's message and contact.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = (q < 0 ? url : url.slice(0, q))
    .split('/')
    .map((segment) => (isTrackingCode(segment) ? REDACTED : segment))
    .join('/');
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      return SECRET_NAMES.has(decode(name).toLowerCase()) || isTrackingCode(value) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

function isTrackingCode(encoded: string): boolean {
  return encoded.length >= 16 && canonicalTrackingCode(decode(encoded)) !== null;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Fastify's own request serializer, with the URL redacted. */
export function serializeRequest(req: FastifyRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** The app's pino options: level, headers that carry credentials redacted, request URLs redacted. */
export function loggerOptions(config: Config): NonNullable<FastifyServerOptions['logger']> {
  return {
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    serializers: { req: serializeRequest },
  };
}
