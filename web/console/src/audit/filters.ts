/** The audit filters as the API takes them (GET /api/v1/audit and /api/v1/audit/export.csv). */
export interface AuditFilters {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: string;
  /** YYYY-MM-DD, China Standard Time; `to` includes that whole day. */
  from?: string;
  to?: string;
}

/** Form values → filters: trims text, drops empty values, turns the date range into two dates. */
export function toAuditFilters(values: {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: string;
  range?: readonly [string | undefined, string | undefined] | null;
}): AuditFilters {
  const out: AuditFilters = {};
  for (const key of ['actor', 'action', 'objectType', 'objectId', 'outcome'] as const) {
    const v = values[key]?.trim();
    if (v) out[key] = v;
  }
  const [from, to] = values.range ?? [];
  if (from) out.from = from;
  if (to) out.to = to;
  return out;
}
