import fc from 'fast-check';
import { hostileString, POLLUTING, wrongValue } from './corpus.js';

/** The subset of JSON Schema the OpenAPI document uses (zod's output). */
export interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  items?: Schema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
}

/** Real values for a field of this name (an agency's code for `org`, ids …), so a valid request finds its records. */
export type RealValues = (key: string) => readonly string[];

/**
 * `valid`: what the schema accepts, so the request reaches the handler; `hostile`: the schema's types with hostile
 * strings and numbers at the edges (and beyond).
 */
type Mode = 'valid' | 'hostile';

const PLAIN = ['测试内容', 'jiangchuan', 'a', '2026-03-02', '01', 'proactive'];
const FORMATS: Record<string, { valid: string[]; odd: string[] }> = {
  email: { valid: ['a@example.com'], odd: ['a@b', '＠＠', `${'x'.repeat(300)}@example.com`] },
  date: { valid: ['2026-03-02'], odd: ['2026-02-30', '1900-01-01'] },
  'date-time': { valid: ['2026-03-02T10:00:00Z'], odd: ['2026-03-02T25:00:00Z'] },
  uuid: { valid: ['00000000-0000-4000-8000-000000000000'], odd: ['ffffffff-ffff-ffff-ffff-ffffffffffff'] },
  uri: { valid: ['https://example.com/'], odd: ['javascript:alert(1)', 'http://[::1'] },
};

function fits(s: Schema, v: string): boolean {
  if (v.length < (s.minLength ?? 0) || v.length > (s.maxLength ?? Infinity)) return false;
  try {
    return !s.pattern || new RegExp(s.pattern).test(v);
  } catch {
    return true;
  }
}

const plainChoices = (s: Schema, real: readonly string[]) => [...real, ...(s.format ? (FORMATS[s.format]?.valid ?? []) : []), ...PLAIN].filter((v) => fits(s, v));

function validString(s: Schema, real: readonly string[]): fc.Arbitrary<string> {
  const choices = plainChoices(s, real);
  const fallback = choices[0] ?? 'a'.repeat(Math.max(s.minLength ?? 1, 1));
  const arbs: fc.Arbitrary<string>[] = [fc.constantFrom(fallback, ...choices.slice(1, 12))];
  if (s.pattern) {
    try {
      // Mapped, not filtered: a filter that rarely passes (a pattern plus a minimum length) would never end.
      arbs.push(fc.stringMatching(new RegExp(s.pattern), { size: 'xsmall' }).map((v) => (fits(s, v) ? v : fallback)));
    } catch {
      // A pattern JavaScript cannot compile: the plain values stand.
    }
  }
  return fc.oneof({ weight: 3, arbitrary: arbs[0]! }, ...arbs.slice(1));
}

/**
 * The plainest accepted value: required fields only, the first choice of each, the smallest number allowed — the
 * baseline into which one poisoned field at a time is put (so that only that field can be the reason of an answer).
 */
export function minimal(s: Schema | undefined, real: RealValues, key = ''): unknown {
  if (!s) return undefined;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const branches = s.anyOf ?? s.oneOf;
  if (branches?.length) return minimal(branches.find((b) => b.type !== 'null') ?? branches[0], real, key);
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'null') : s.type;
  switch (type ?? 'any') {
    case 'string':
      return plainChoices(s, real(key))[0] ?? 'a'.repeat(Math.max(s.minLength ?? 1, 1));
    case 'integer':
    case 'number':
      return Math.min(Math.max(1, s.minimum ?? 1), s.maximum ?? 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => minimal(s.items, real, key));
    case 'object':
      return Object.fromEntries((s.required ?? []).filter((k) => s.properties?.[k]).map((k) => [k, minimal(s.properties![k], real, k)]));
    default:
      return null;
  }
}

function hostileStringOf(s: Schema): fc.Arbitrary<string> {
  const max = s.maxLength ?? 200;
  const odd = s.format ? (FORMATS[s.format]?.odd ?? []) : [];
  return fc.oneof(
    { weight: 4, arbitrary: hostileString.map((h) => (h.length > max ? h.slice(0, max) : h)) },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(Math.min(max + 1, 2_000_001)), '', ...odd) },
  );
}

function numberOf(s: Schema, integer: boolean, mode: Mode): fc.Arbitrary<number> {
  const min = s.minimum ?? (mode === 'valid' ? 0 : -(2 ** 31));
  const max = s.maximum ?? (mode === 'valid' ? 100 : 2 ** 31);
  const within = integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
  if (mode === 'valid') return within;
  return fc.oneof(within, fc.constantFrom(min, max, min - 1, max + 1, 0, -1, 2 ** 53 + 2, -1e308, 1e308, 0.5));
}

/** Values of the schema's shape: accepted ones, or hostile ones of the right types. */
export function fromSchema(s: Schema | undefined, mode: Mode, real: RealValues, key = '', depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return mode === 'valid' ? fc.constant('a') : wrongValue;
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return mode === 'valid' ? fc.constantFrom(...s.enum) : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...s.enum) }, { weight: 1, arbitrary: hostileString });
  const branches = s.anyOf ?? s.oneOf;
  if (branches?.length) return fc.oneof(...branches.map((b) => fromSchema(b, mode, real, key, depth + 1)));
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => fromSchema({ ...s, type }, mode, real, key, depth)));
  switch (s.type ?? 'any') {
    case 'string':
      return mode === 'valid' ? validString(s, real(key)) : hostileStringOf(s);
    case 'integer':
    case 'number':
      return numberOf(s, s.type === 'integer', mode);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const min = mode === 'valid' ? (s.minItems ?? 0) : 0;
      const max = Math.max(min, Math.min(mode === 'valid' ? (s.maxItems ?? 3) : (s.maxItems ?? 3) + 1, 6));
      return fc.array(fromSchema(s.items, mode, real, key, depth + 1), { minLength: min, maxLength: max });
    }
    case 'object': {
      const props = s.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fromSchema(v, mode, real, k, depth + 1)])),
        { requiredKeys: (s.required ?? []).filter((k) => k in props) },
      );
      if (mode === 'valid' || typeof s.additionalProperties !== 'object') return record;
      const extra = fc.dictionary(hostileString, fromSchema(s.additionalProperties, mode, real, key, depth + 1), { maxKeys: 3 });
      return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
    }
    default:
      return mode === 'valid' ? fc.constant('a') : wrongValue;
  }
}

/**
 * An object for the schema (a body, a query): mostly an accepted one with a single field made hostile — so the
 * hostile value passes validation's other checks and reaches the handler and the database — else every field
 * hostile, a required field missing, a field of the wrong type, prototype pollution, or no object at all.
 */
export function objectArb(schema: Schema | undefined, real: RealValues): fc.Arbitrary<unknown> {
  const s: Schema = schema ?? { type: 'object' };
  const keys = Object.keys(s.properties ?? {});
  const valid = fromSchema(s, 'valid', real).map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}));
  const oneKey = (value: (key: string) => fc.Arbitrary<unknown>) =>
    keys.length ? fc.tuple(valid, fc.nat({ max: keys.length - 1 })).chain(([o, i]) => value(keys[i]!).map((v) => ({ ...o, [keys[i]!]: v }))) : valid;
  const missing = keys.length ? fc.tuple(valid, fc.nat({ max: keys.length - 1 })).map(([o, i]) => without(o, keys[i]!)) : valid;
  return fc.oneof(
    { weight: 6, arbitrary: oneKey((k) => fromSchema(s.properties![k], 'hostile', real, k)) },
    { weight: 2, arbitrary: fromSchema(s, 'hostile', real) },
    { weight: 1, arbitrary: valid },
    { weight: 1, arbitrary: missing },
    { weight: 2, arbitrary: oneKey(() => wrongValue) },
    { weight: 1, arbitrary: valid.map((o) => Object.assign(POLLUTING(), o)) },
    { weight: 1, arbitrary: wrongValue },
  );
}

function without(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...o };
  delete copy[key];
  return copy;
}
