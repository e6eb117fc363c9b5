import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors.js';

/**
 * The one input rule for text, before any module sees it: no NUL (PostgreSQL's text cannot hold it, so it
 * failed there with error 22021 while SQLite stored it) and no lone UTF-16 surrogate (not a character; it
 * cannot be written as UTF-8 either) — in path parameters, the query string, JSON and form bodies and the
 * text fields of multipart bodies, on every route of the API and the portal alike. Percent-escapes in a
 * query or form body must decode as UTF-8 (`%ED%A0%80` is an encoded surrogate); the router already
 * refuses such a path (FST_ERR_BAD_URL, answered with the same code).
 */

import { FIELD_MESSAGE, hasInvalidText, INVALID_TEXT_CODE, INVALID_TEXT_MESSAGE, withoutInvalidText } from '../shared/text.js';

/**
 * The fields of a decoded value (a string, or objects and arrays of them, keys included) that break the rule,
 * named as validation names them (`a.0.b`). Iterative: a JSON body may nest far deeper than the stack.
 */
export function invalidTextFields(value: unknown): string[] {
  const out: string[] = [];
  const pending: Place[] = [{ value, key: null, parent: null }];
  for (let place = pending.pop(); place; place = pending.pop()) {
    const v = place.value;
    if (typeof v === 'string') {
      if (hasInvalidText(v)) out.push(nameOf(place));
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) pending.push({ value: v[i], key: String(i), parent: place });
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, child] of Object.entries(v).reverse()) {
        if (hasInvalidText(k)) out.push(nameOf({ value: null, key: withoutInvalidText(k), parent: place }));
        else pending.push({ value: child, key: k, parent: place });
      }
    }
  }
  return out;
}

/** A value inside a body, with the way to it (kept as links: a path array per level would be quadratic). */
interface Place {
  value: unknown;
  key: string | null;
  parent: Place | null;
}

function nameOf(place: Place): string {
  const path: string[] = [];
  for (let p: Place | null = place; p; p = p.parent) if (p.key !== null) path.push(p.key);
  return fieldName(path.reverse());
}

/**
 * The names of an urlencoded string (a query string or a form body) whose key or value breaks the rule once
 * decoded, or whose percent-escapes do not decode as UTF-8.
 */
export function invalidUrlEncoded(encoded: string): string[] {
  const out: string[] = [];
  for (const pair of encoded.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodeStrict(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeStrict(pair.slice(eq + 1));
    if (key === null || value === null || hasInvalidText(key) || hasInvalidText(value)) {
      out.push(key === null ? '_' : fieldName([withoutInvalidText(key)]));
    }
  }
  return out;
}

/** Decodes `+` and percent-escapes; null when a run of escapes is not UTF-8. A `%` not followed by two hex digits stays as it is. */
function decodeStrict(component: string): string | null {
  try {
    return component.replace(/\+/g, ' ').replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => decodeURIComponent(run));
  } catch {
    return null;
  }
}

function fieldName(path: string[]): string {
  return path.length ? path.join('.') : '_';
}

/** The 400 answer for the fields that break the rule: each field named with its message, as validation errors are. */
export function invalidText(fields: string[]): AppError {
  return new AppError(400, INVALID_TEXT_CODE, INVALID_TEXT_MESSAGE, Object.fromEntries(fields.map((f) => [f, FIELD_MESSAGE])));
}

/** Throws the rule's 400 when a value (e.g. a multipart text field, named by its field) breaks it. */
export function assertValidText(values: Record<string, unknown>): void {
  const bad = invalidTextFields(values);
  if (bad.length) throw invalidText(bad);
}

/** The form-body parser: the rule on the raw body, then the same decoding as the query string (repeated names give arrays). */
export function parseFormBody(body: string): Record<string, string | string[]> {
  const bad = invalidUrlEncoded(body);
  if (bad.length) throw invalidText(bad);
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** The rule on every route, after the body is parsed and before validation and handlers. */
export function registerTextInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const q = req.url.indexOf('?');
    const bad = [
      ...invalidTextFields(req.params ?? {}),
      ...(q < 0 ? [] : invalidUrlEncoded(req.url.slice(q + 1))),
      ...invalidTextFields(req.body ?? null),
    ];
    if (bad.length) throw invalidText([...new Set(bad)]);
  });
}
