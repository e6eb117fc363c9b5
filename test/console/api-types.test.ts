import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesSource } from '../../scripts/openapi-types.js';

describe("the console's API types", () => {
  it('are generated from the current OpenAPI document (run `npm run api:types` after changing a schema)', async () => {
    const current = fs.readFileSync(API_TYPES_FILE, 'utf8');
    expect(current === (await apiTypesSource()), 'web/console/src/api/schema.ts is out of date: run `npm run api:types`').toBe(true);
  });
});
