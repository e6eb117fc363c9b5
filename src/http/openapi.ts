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
  responses: Record<number, { description: string; schema?: ZodType }>;
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
              ...(res.schema ? { content: { 'application/json': { schema: toSchema(res.schema, 'output') } } } : {}),
            },
          ]),
        ),
      };
      if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } };
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

function toSchema(schema: ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
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

/** A success without a body (204): documented as such, nothing to describe. */
export const noContent = (description: string) => ({ description });
