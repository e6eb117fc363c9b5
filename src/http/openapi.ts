import crypto from 'node:crypto';
import { z, type ZodType } from 'zod';

/** Collects every route's schemas as it is registered, so the OpenAPI document is the validation itself. */
export interface RouteDoc {
  method: string;
  url: string;
  summary: string;
  tags: string[];
  auth: 'public' | 'staff';
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
  /** Per status: a description and, for an answer with a body, its schema (JSON unless `contentType` says otherwise). */
  responses: Record<number, { description: string; schema?: ZodType; contentType?: string }>;
}

/** The registry of one application (every route registered with it is in its document). */
const registries = new WeakMap<object, OpenApiRegistry>();
export function openApiOf(ctx: object): OpenApiRegistry {
  let registry = registries.get(ctx);
  if (!registry) registries.set(ctx, (registry = new OpenApiRegistry()));
  return registry;
}

export class OpenApiRegistry {
  private readonly routes: RouteDoc[] = [];

  add(doc: RouteDoc): void {
    this.routes.push(doc);
  }

  document(): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    const components: Record<string, unknown> = {};
    for (const r of this.routes) {
      const p = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op: Record<string, unknown> = {
        summary: r.summary,
        tags: r.tags,
        operationId: `${r.method.toLowerCase()}${p.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
        parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
        responses: Object.fromEntries(
          Object.entries(r.responses).map(([status, res]) => [
            status,
            {
              description: res.description,
              ...(res.schema ? { content: { [res.contentType ?? 'application/json']: { schema: toSchema(res.schema, 'output', components) } } } : {}),
            },
          ]),
        ),
      };
      if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input', components) } } };
      if (r.auth === 'staff') op.security = [{ session: [] }];
      (paths[p] ??= {})[r.method.toLowerCase()] = op;
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'Gongkai 公开 API',
        version: '1',
        description:
          'Government information disclosure platform. Errors are {"error":{"code","message","fields"}}; staff state changes send x-csrf-token.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'gk_session' },
        },
        schemas: {
          Error: toSchema(ErrorSchema, 'output'),
          ...components,
        },
      },
      paths,
    };
  }
}

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

/**
 * A zod schema as JSON Schema. A recursive schema (a tree) comes with `$defs` and `#/$defs/…` references, which do
 * not resolve inside an OpenAPI document: its definitions move to `components.schemas` (into `components`) under
 * names made from their content, and the references follow them.
 */
function toSchema(schema: ZodType, io: 'input' | 'output', components?: Record<string, unknown>): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  const defs = json.$defs as Record<string, unknown> | undefined;
  if (!defs || !components) return json;
  delete json.$defs;
  const names = new Map(
    Object.entries(defs).map(([name, def]) => [name, `Tree_${crypto.createHash('sha256').update(`${io}:${JSON.stringify(def)}`).digest('hex').slice(0, 10)}`]),
  );
  const relink = (text: string) => text.replace(/"#\/\$defs\/([^"]+)"/g, (m, name: string) => (names.has(name) ? `"#/components/schemas/${names.get(name)}"` : m));
  for (const [name, def] of Object.entries(defs)) components[names.get(name)!] = JSON.parse(relink(JSON.stringify(def))) as unknown;
  return JSON.parse(relink(JSON.stringify(json))) as Record<string, unknown>;
}

function parameters(schema: ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

/** The documented shape of an error answer, for a route's `responses`. */
export const errorResponse = (description: string) => ({ description, schema: ErrorSchema });

/** A success without a body (204): documented as such, nothing to describe but what happened. */
export const noContent = (description: string) => ({ description });
