/** Working days and statutory deadlines (docs/adr/0010): calendars, deadlines with their explanation, the public calendar page. */
export { importNotice } from './calendar.commands.js';
export { calendarFor, loadCalendar } from './calendar.service.js';
export { NoCalendarError, WorkCalendar } from './calendar.js';
export { todayIn } from './days.js';
export { computeDeadline, standingOf, type Standing } from './deadline.js';
export { closeDeadlineInTransaction, openDeadlineInTransaction } from './deadlines.commands.js';
/** @deprecated the earlier names of openDeadlineInTransaction and closeDeadlineInTransaction, kept until their callers move. */
export { closeDeadlineInTransaction as closeDeadline, openDeadlineInTransaction as openDeadline } from './deadlines.commands.js';
export { HolidayNoticeSchema, type HolidayNotice } from './notice.js';
