import type { GongkaiModule } from '../../http/module.js';
import { CALENDAR_PAGES, calendarInvalidates } from './calendar.pages.js';
import { registerCalendarRoutes } from './calendar.routes.js';
import { registerDeadlineRoutes } from './deadlines.routes.js';

/** What the calendar module registers with the application (its public API is index.ts). */
export const calendarModule: GongkaiModule = {
  name: 'calendar',
  routes: (app, ctx) => {
    registerCalendarRoutes(app, ctx);
    registerDeadlineRoutes(app, ctx);
  },
  site: { pages: CALENDAR_PAGES, invalidates: calendarInvalidates },
};
