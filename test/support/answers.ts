import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { ZodType } from 'zod';

/** The answer is what its schema says, no field more (parsing drops unknown fields, so they would show). */
export function expectAnswer<S extends ZodType>(schema: S, res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  const body: unknown = res.json();
  expect(schema.parse(body)).toEqual(body);
  return body as ReturnType<S['parse']>;
}
