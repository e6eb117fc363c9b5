import type { FastifyInstance } from 'fastify';
import type { Schema } from './schema.js';

/** One operation of the OpenAPI document, with what the fuzzer needs to build its requests. */
export interface ApiOperation {
  method: string;
  /** Fastify syntax: `/api/v1/items/:id`. */
  path: string;
  auth: 'public' | 'staff';
  pathParams: string[];
  query: Record<string, Schema>;
  body: Schema | undefined;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        security?: unknown[];
        parameters?: { name: string; in: 'path' | 'query'; schema: Schema }[];
        requestBody?: { content: { 'application/json': { schema: Schema } } };
      }
    >
  >;
}

/** Every operation the application documents at /api/openapi.json: new routes are fuzzed without a change here. */
export async function apiOperations(app: FastifyInstance): Promise<ApiOperation[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApiDocument>();
  const ops: ApiOperation[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const path = p.replace(/\{([A-Za-z]+)\}/g, ':$1');
      const params = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase(),
        path,
        auth: op.security ? 'staff' : 'public',
        // The document lists a path's parameters only when the route validates them; the path itself always says.
        pathParams: [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!),
        query: Object.fromEntries(params.filter((x) => x.in === 'query').map((x) => [x.name, x.schema])),
        body: op.requestBody?.content['application/json'].schema,
      });
    }
  }
  return ops;
}

/**
 * Every route of the server as Fastify holds it (method and path), read from its route tree: the portal's pages
 * and forms are not in the OpenAPI document. HEAD routes Fastify adds itself are left out.
 */
export function serverRoutes(app: FastifyInstance): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)(?:[└├]── )?(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m || !m[2]) continue;
    const depth = m[1]!.length + (line.includes('── ') ? 4 : 0);
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const parent = stack[stack.length - 1]?.path ?? '';
    const segment = m[2];
    const path = parent === '' ? segment : parent.endsWith('/') || segment.startsWith('/') ? parent + segment : `${parent}/${segment}`;
    stack.push({ depth, path });
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) if (method !== 'HEAD') out.push({ method, path });
  }
  return out;
}
