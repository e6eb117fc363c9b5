/** Working days and statutory deadlines (docs/adr/0010): calendars, deadlines with their explanation, the public calendar page. */
import type { GongkaiModule } from '../../http/module.js';
import { CALENDAR_PAGES, calendarInvalidates } from './calendar.pages.js';
import { registerCalendarRoutes } from './calendar.routes.js';
import { registerDeadlineRoutes } from './deadlines.routes.js';

export { importNotice } from './calendar.commands.js';
export { calendarFor, loadCalendar } from './calendar.service.js';
export { NoCalendarError, WorkCalendar } from './calendar.js';
export { todayIn } from './days.js';
export { computeDeadline, standingOf, type Standing } from './deadline.js';
export { closeDeadline, openDeadline } from './deadlines.commands.js';
export { HolidayNoticeSchema, type HolidayNotice } from './notice.js';

export const calendarModule: GongkaiModule = {
  name: 'calendar',
  routes: (app, ctx) => {
    registerCalendarRoutes(app, ctx);
    registerDeadlineRoutes(app, ctx);
  },
  site: { pages: CALENDAR_PAGES, invalidates: calendarInvalidates },
};
