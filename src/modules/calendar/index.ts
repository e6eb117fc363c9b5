/** Working days and statutory deadlines (docs/adr/0010): calendars, deadlines with their explanation, the public calendar page. */
export { importNotice } from './calendar.commands.js';
export { calendarFor, loadCalendar } from './calendar.service.js';
export { NoCalendarError, WorkCalendar } from './calendar.js';
export { todayIn } from './days.js';
export { computeDeadline, standingOf, type Standing } from './deadline.js';
export { closeDeadline, openDeadline } from './deadlines.commands.js';
export { HolidayNoticeSchema, type HolidayNotice } from './notice.js';
