import type { Queryable } from '../../db/database.js';
import type { AppContext } from '../../shared/context.js';
import { builtinNotices } from './builtin.js';
import { layerFromNotices, WorkCalendar, type CalendarLayer } from './calendar.js';
import { DEPLOYMENT_SCOPE, importedNotices, listOverrides } from './calendar.repo.js';
import type { HolidayNotice } from './notice.js';

/**
 * An agency's calendar, in layers: the national notices shipped with Gongkai, replaced year by year by
 * notices imported for the whole deployment, then by notices imported for the agency, then the agency's
 * own holidays and make-up days.
 */
export async function loadCalendar(q: Queryable, agencyId: string): Promise<WorkCalendar> {
  const byYear = new Map<number, HolidayNotice>();
  for (const n of builtinNotices()) byYear.set(n.year, n);
  const imported = await importedNotices(q, [DEPLOYMENT_SCOPE, agencyId]);
  for (const n of imported.filter((x) => x.scope === DEPLOYMENT_SCOPE)) byYear.set(n.year, n);
  for (const n of imported.filter((x) => x.scope === agencyId)) byYear.set(n.year, n);
  const overrides = await listOverrides(q, agencyId);
  const layers: CalendarLayer[] = [
    layerFromNotices('national', [...byYear.values()]),
    {
      source: 'agency',
      years: [],
      days: overrides.map((o) => ({ date: o.date, isOffDay: o.is_off_day === 1, name: o.name })),
    },
  ];
  return new WorkCalendar(layers);
}

/**
 * Calendars are read on every deadline computation and change a few times a year, so each instance keeps
 * them in memory and drops them on `calendar.changed` (relayed across instances through Redis).
 */
export class CalendarCache {
  private readonly cache = new Map<string, Promise<WorkCalendar>>();

  constructor(private readonly ctx: Pick<AppContext, 'db' | 'events'>) {
    ctx.events.on('calendar.changed', ({ scope }) => {
      if (scope === DEPLOYMENT_SCOPE) this.cache.clear();
      else this.cache.delete(scope);
    });
  }

  get(agencyId: string): Promise<WorkCalendar> {
    let entry = this.cache.get(agencyId);
    if (!entry) {
      entry = loadCalendar(this.ctx.db.kysely, agencyId);
      entry.catch(() => this.cache.delete(agencyId));
      this.cache.set(agencyId, entry);
    }
    return entry;
  }
}

const caches = new WeakMap<AppContext['events'], CalendarCache>();

/** The agency's calendar from this instance's cache ('' for the national calendar alone). */
export function calendarFor(ctx: Pick<AppContext, 'db' | 'events'>, agencyId: string): Promise<WorkCalendar> {
  let cache = caches.get(ctx.events);
  if (!cache) {
    cache = new CalendarCache(ctx);
    caches.set(ctx.events, cache);
  }
  return cache.get(agencyId);
}
