import type { OrgRow } from '../../organisations/index.js';

/** Links and dates shared by the catalog, item and feed pages. */

export const CATALOG_PATH = '/catalog';
export const GUIDE_PATH = '/guide';

export const categoryPath = (code: string): string => `${CATALOG_PATH}/${code}`;
export const itemPath = (id: string): string => `/items/${id}`;

function zoneOf(agency: Pick<OrgRow, 'timezone'>): string {
  return agency.timezone || 'Asia/Shanghai';
}

/** An instant (ISO UTC) as the calendar date in the agency's zone: `2026-03-02`. Empty for no value. */
export function localDate(agency: Pick<OrgRow, 'timezone'>, instant: string | null | undefined): string {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat('en-CA', { timeZone: zoneOf(agency), year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** An instant as date and time in the agency's zone: `2026-03-02 10:00`. */
export function localDateTime(agency: Pick<OrgRow, 'timezone'>, instant: string | null | undefined): string {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zoneOf(agency),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** `1.5 MB`, `320 KB`, `900 B`. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
