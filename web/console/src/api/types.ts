/**
 * The API's shapes for the console, taken from the generated schema (schema.ts, from the server's OpenAPI document):
 * `ResponseOf<'getApiV1ItemsById'>` is what GET /api/v1/items/{id} answers, `BodyOf<'postApiV1Items'>` what
 * POST /api/v1/items takes. The operation ids are the method and the path in camel case (http/openapi.ts).
 */
import type { operations } from './schema';

export type OperationId = keyof operations;

type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON an operation answers with the given status (200 by default). */
export type ResponseOf<Op extends OperationId, S extends number = 200> = operations[Op] extends { responses: infer Rs }
  ? S extends keyof Rs
    ? JsonContent<Rs[S]>
    : never
  : never;

/** The JSON body an operation takes. */
export type BodyOf<Op extends OperationId> = operations[Op] extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : operations[Op] extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B
    : never;

/** The query parameters an operation takes. */
export type QueryOf<Op extends OperationId> = operations[Op] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
