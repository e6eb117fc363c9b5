/** Calendar-date helpers. `YYYY-MM-DD` strings are dates in the agency's zone, never instants. */

/** True for a real calendar date: 2024-02-29 yes, 2025-02-29 and 2025-02-30 no. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** True for a calendar date or an ISO 8601 instant with an offset whose date part is real. */
export function isIsoDateOrInstant(s: string): boolean {
  if (isCalendarDate(s)) return true;
  const m = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  return Boolean(m && isCalendarDate(m[1]!) && !Number.isNaN(Date.parse(s)));
}

/** The instant a calendar date starts in a fixed-offset zone (China Standard Time by default). */
export function startOfDay(date: string, offset = '+08:00'): Date {
  return new Date(`${date}T00:00:00${offset}`);
}
