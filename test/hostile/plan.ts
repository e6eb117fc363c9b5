import fc from 'fast-check';
import type { Config } from '../../src/config.js';
import { encodePart, hostileString, queryValue, RAW_URL_PARTS } from './corpus.js';
import { objectArb, type RealValues, type Schema } from './schema.js';

/** The fixed seed: every run sends the same requests, so a failure found once is found again. */
export const SEED = 20_260_302;

/** Limits that would answer 429 before any handler runs are raised; the challenge is off. */
export const HOSTILE_CONFIG: Partial<Config> = {
  rateLimitPerMinute: 1_000_000,
  messageLimitPerHour: 1_000_000,
  messageLimitPerContact: 1_000_000,
  challengeAfter: 0,
};

/** A seed of its own for each (caller, route), derived from the fixed one: adding a route does not change the others' requests. */
export function seedFor(...parts: string[]): number {
  let h = SEED;
  for (const ch of parts.join('|')) h = (Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0) & 0x7fffffff;
  return h;
}

/** `count` values of the arbitrary, always the same ones for the same seed. */
export function sampled<T>(arb: fc.Arbitrary<T>, seed: number, count: number): T[] {
  return count > 0 ? fc.sample(arb, { seed, numRuns: count }) : [];
}

/** A path parameter: mostly a real value (so the handler gets past its lookup), else hostile. */
export function paramArb(real: readonly string[]): fc.Arbitrary<string> {
  return real.length ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...real) }, { weight: 3, arbitrary: hostileString }) : hostileString;
}

/**
 * The strings every field gets once, systematically, in an otherwise accepted request (beside the random cases):
 * the NUL byte and the lone surrogate that databases refuse, and markup with SQL.
 */
export const POISON: readonly string[] = ['a\u0000b', 'a\ud800b', `'" OR 1=1 --<script>x</script>`];

/**
 * The numbers every numeric field gets once: just past PostgreSQL's `integer` and `bigint` ranges (a version or a
 * count compared there beyond its range is an error, not "no such row"), past JavaScript's safe integers, huge.
 */
export const NUMBER_POISON: readonly number[] = [2_147_483_648, -2_147_483_649, 2 ** 63, 2 ** 53 + 2, 1e308];

/** An accepted object with each of its fields in turn set to each poison value (strings by default). */
export function poisoned(baseline: Record<string, unknown>, fields: readonly string[], values: readonly unknown[] = POISON): Record<string, unknown>[] {
  return fields.flatMap((f) => values.map((p) => ({ ...baseline, [f]: p })));
}

/** Extra query text no form sends: polluting names, repeated names (an array), broken percent-encoding. */
function extraQuery(names: string[]): fc.Arbitrary<string> {
  const name = names[0] ?? 'q';
  return fc.constantFrom(
    '',
    '',
    '',
    '__proto__[polluted]=yes',
    'constructor[prototype][polluted]=yes&__proto__=x',
    `${name}=a&${name}=b`,
    `${name}[]=a`,
    `${name}`,
    `lang=${encodePart('\u0000')}&elder=2`,
    ...RAW_URL_PARTS.map((r) => `${name}=${r}`),
  );
}

/** The fields of an object schema that take text (a string, or a string among other types). */
export function textFields(props: Record<string, Schema>): string[] {
  const takesText = (x: Schema): boolean =>
    x.type === 'string' || (Array.isArray(x.type) && x.type.includes('string')) || [...(x.anyOf ?? []), ...(x.oneOf ?? [])].some(takesText);
  return Object.keys(props).filter((k) => takesText(props[k]!));
}

/** The fields of an object schema that take a number. */
export function numberFields(props: Record<string, Schema>): string[] {
  const takesNumber = (x: Schema): boolean =>
    ['integer', 'number'].some((t) => x.type === t || (Array.isArray(x.type) && x.type.includes(t))) ||
    [...(x.anyOf ?? []), ...(x.oneOf ?? [])].some(takesNumber);
  return Object.keys(props).filter((k) => takesNumber(props[k]!));
}

export function queryString(values: Record<string, unknown>): string {
  return Object.entries(values)
    .map(([k, x]) => `${encodePart(k)}=${encodePart(queryValue(x))}`)
    .join('&');
}

/** A query string over the given parameters (accepted values with one hostile, or all hostile …), and extras. */
export function queryArb(params: Record<string, Schema>, real: RealValues): fc.Arbitrary<string> {
  const names = Object.keys(params);
  const values = objectArb({ type: 'object', properties: params }, real).map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {}));
  return fc.tuple(values, extraQuery(names)).map(([v, extra]) => [queryString(v as Record<string, unknown>), extra].filter(Boolean).join('&'));
}

/** The URL of a route (`/a/:b`) with its parameters and query string. */
export function urlOf(path: string, params: Record<string, string>, query: string): string {
  const p = path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const v = params[name] ?? '';
    // A raw part is sent as it is (to test the decoder); anything else is encoded.
    return RAW_URL_PARTS.includes(v) ? v : encodePart(v);
  });
  return query ? `${p}?${query}` : p;
}

/** Real values of path parameters: keys of the same name, or ids, found in what the listing routes answer. */
export class ValuePools {
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byPrefix = new Map<string, Set<string>>();

  constructor(private readonly excluded: ReadonlySet<string>) {}

  add(json: unknown, prefix?: string): void {
    walk(json, (k, v) => {
      if (this.excluded.has(v)) return;
      if (!this.byKey.has(k)) this.byKey.set(k, new Set());
      this.byKey.get(k)!.add(v);
      if (prefix && (k === 'id' || k === 'code' || k === 'trackingCode')) {
        if (!this.byPrefix.has(prefix)) this.byPrefix.set(prefix, new Set());
        this.byPrefix.get(prefix)!.add(v);
      }
    });
  }

  /** Real values of a field of this name in a body or query: for `org` and its kin, the agency's codes. */
  named: RealValues = (key) => {
    if (ORG_FIELDS.has(key)) return ['jiangchuan', 'jc-fgw'];
    return [...(this.byKey.get(key) ?? this.byKey.get(key.replace(/Ids?$|s$/, '')) ?? [])].slice(0, 6);
  };

  /** Values for parameter `name` of a route whose path before it is `prefix`; at most 8. */
  for(prefix: string, name: string): string[] {
    const own = [...(this.byPrefix.get(prefix) ?? [])];
    const named = [...(this.byKey.get(name) ?? [])];
    const ids = [...(this.byKey.get('id') ?? [])];
    return [...new Set([...own.slice(0, 5), ...named.slice(0, 3), ...(own.length || named.length ? [] : ids.slice(0, 8))])].slice(0, 8);
  }
}

const ORG_FIELDS = new Set(['org', 'unit', 'scope', 'parentCode', 'agency', 'to']);

function walk(json: unknown, visit: (key: string, value: string) => void): void {
  if (Array.isArray(json)) for (const v of json) walk(v, visit);
  else if (json && typeof json === 'object') {
    for (const [k, v] of Object.entries(json)) {
      if (typeof v === 'string' && v.length <= 80 && v.length > 0) visit(k, v);
      else walk(v, visit);
    }
  }
}
