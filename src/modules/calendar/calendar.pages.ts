import type { AppContext } from '../../shared/context.js';
import type { SiteCache, SitePage } from '../../portal/site-api.js';
import { AppError } from '../../shared/errors.js';
import { html, type SafeHtml } from '../../portal/html.js';
import type { PageContent } from '../../portal/layout.js';
import { data, href, type View } from '../../portal/view.js';
import { isCalendarDate } from '../../shared/dates.js';
import type { OrgRow } from '../organisations/index.js';
import { MAX_WORKING_DAYS, NoCalendarError, WorkingDaysRangeError, type DayInfo, type WorkCalendar } from './calendar.js';
import { calendarFor } from './calendar.service.js';
import { words, type Words } from './calendar.words.js';
import { computeDeadline, DeadlineError, type DeadlineResult } from './deadline.js';
import { InvalidDateError, todayIn, toDay, weekdayOf } from './days.js';

/**
 * 工作日与办理时限: the public page of an agency's working-day calendar. It lists the year's holidays and
 * make-up working days (the agency's own adjustments marked), explains in plain words how 办理时限 are
 * counted, and has a calculator that is an ordinary GET form: the due date and its explanation are computed
 * on the server, so it works without JavaScript. Only the address without a query is cached.
 */

export const CALENDAR_PATH = '/calendar';

/** What the reader typed into the calculator, checked; problems are codes so that each language words them. */
export type CalcProblem =
  | { field: 'start'; code: 'required' | 'invalid' }
  | { field: 'days'; code: 'required' | 'invalid' | 'range' }
  | { field: 'calc'; code: 'noCalendar'; year: number }
  | { field: 'calc'; code: 'tooLong' };

export type Calculator =
  | { kind: 'empty' }
  | { kind: 'result'; start: string; workingDays: number; result: DeadlineResult }
  | { kind: 'error'; start: string; workingDays: string; problems: CalcProblem[] };

export interface CalendarPageData {
  year: number;
  /** The `?year=` given was not a year we can show: the default year is shown with a note. */
  yearInvalid: boolean;
  coveredYears: number[];
  /** The year's holidays and make-up days; null when that year's arrangement is not published (not covered). */
  days: DayInfo[] | null;
  calculator: Calculator;
}

type Query = Record<string, unknown>;

/** A single query value: repeated parameters (`?a=1&a=2`) and overlong values count as invalid. */
function one(q: Query, name: string): string | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > 40) return '\u0000';
  return v.trim();
}

/** `?year=`: an integer year in the range the calendar API accepts; anything else falls back to `fallback`. */
export function parseYear(q: Query, fallback: number): { year: number; invalid: boolean } {
  const raw = one(q, 'year');
  if (raw === undefined || raw === '') return { year: fallback, invalid: false };
  if (!/^\d{4}$/.test(raw)) return { year: fallback, invalid: true };
  const year = Number(raw);
  return year >= 1990 && year <= 2100 ? { year, invalid: false } : { year: fallback, invalid: true };
}

/** The calculator's answer for `?start=&days=`; nothing asked (neither given) gives 'empty'. Never throws on bad input. */
export function runCalculator(calendar: WorkCalendar, q: Query): Calculator {
  const startRaw = one(q, 'start');
  const daysRaw = one(q, 'days');
  if (startRaw === undefined && daysRaw === undefined) return { kind: 'empty' };
  const start = startRaw ?? '';
  const days = daysRaw ?? '';
  const problems: CalcProblem[] = [];
  if (!start) problems.push({ field: 'start', code: 'required' });
  else if (!isCalendarDate(start)) problems.push({ field: 'start', code: 'invalid' });
  let n = NaN;
  if (!days) problems.push({ field: 'days', code: 'required' });
  else if (!/^\d{1,6}$/.test(days)) problems.push({ field: 'days', code: 'invalid' });
  else {
    n = Number(days);
    if (n < 1 || n > MAX_WORKING_DAYS) problems.push({ field: 'days', code: 'range' });
  }
  const echo = { start: start === '\u0000' ? '' : start, workingDays: days === '\u0000' ? '' : days };
  if (problems.length) return { kind: 'error', ...echo, problems };
  try {
    const result = computeDeadline(calendar, [{ type: 'start', date: start, workingDays: n }]);
    return { kind: 'result', start, workingDays: n, result };
  } catch (e) {
    if (e instanceof NoCalendarError) return { kind: 'error', ...echo, problems: [{ field: 'calc', code: 'noCalendar', year: e.year }] };
    if (e instanceof DeadlineError) return { kind: 'error', ...echo, problems: [{ field: 'calc', code: 'tooLong' }] };
    if (e instanceof WorkingDaysRangeError) return { kind: 'error', ...echo, problems: [{ field: 'days', code: 'range' }] };
    if (e instanceof InvalidDateError) return { kind: 'error', ...echo, problems: [{ field: 'start', code: 'invalid' }] };
    throw e;
  }
}

/** The page's data: the agency's calendar for the year asked (default: this year in the agency's zone) and the calculator. */
export async function loadCalendarPage(ctx: AppContext, agency: OrgRow, q: Query): Promise<CalendarPageData> {
  const calendar = await calendarFor(ctx, agency.id);
  const thisYear = Number(todayIn(agency.timezone || 'Asia/Shanghai', ctx.clock()).slice(0, 4));
  const { year, invalid } = parseYear(q, thisYear);
  let days: DayInfo[] | null = null;
  try {
    days = calendar.specialDaysOf(year);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
  }
  return { year, yearInvalid: invalid, coveredYears: calendar.coveredYears(), days, calculator: runCalculator(calendar, q) };
}

/** A run of consecutive days off with the same name and the same source (全国 / 本机关). */
export interface HolidayRow {
  name: string;
  from: string;
  to: string;
  days: number;
  agency: boolean;
}

export function holidayRows(days: readonly DayInfo[]): HolidayRow[] {
  const rows: HolidayRow[] = [];
  let last: { row: HolidayRow; day: number } | undefined;
  for (const d of days) {
    if (d.kind !== 'holiday') continue;
    const day = toDay(d.date);
    const name = d.name ?? '';
    const agency = d.source === 'agency';
    if (last && last.row.name === name && last.row.agency === agency && day === last.day + 1) {
      last.row.to = d.date;
      last.row.days++;
      last.day = day;
      continue;
    }
    const row = { name, from: d.date, to: d.date, days: 1, agency };
    rows.push(row);
    last = { row, day };
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------------------

function yearLink(view: View, year: number): string {
  return href(view, `${CALENDAR_PATH}?year=${year}`);
}

function weekdayName(w: Words, date: string): string {
  return w.weekdays[weekdayOf(toDay(date))]!;
}

function sourceCell(w: Words, agency: boolean): SafeHtml {
  return agency ? html`<span class="tag tag-agency">${w.agencyOwn}</span>` : html`${w.national}`;
}

function yearNav(view: View, w: Words, page: CalendarPageData): SafeHtml {
  const covered = page.coveredYears;
  if (!covered.length) return html``;
  const prev = [...covered].reverse().find((y) => y < page.year);
  const next = covered.find((y) => y > page.year);
  return html`<nav class="year-nav" aria-label="${w.yearNav}"><ul>
${prev !== undefined ? html`<li><a href="${yearLink(view, prev)}" rel="prev">${w.prevYear(prev)}</a></li>` : ''}
${next !== undefined ? html`<li><a href="${yearLink(view, next)}" rel="next">${w.nextYear(next)}</a></li>` : ''}
</ul><p class="hint">${w.coveredRange(covered[0]!, covered.at(-1)!)}</p></nav>`;
}

function holidaysSection(view: View, w: Words, year: number, days: readonly DayInfo[]): SafeHtml {
  const rows = holidayRows(days);
  const makeup = days.filter((d) => d.kind === 'makeup');
  const anyAgency = rows.some((r) => r.agency) || makeup.some((d) => d.source === 'agency');
  return html`<h3 id="holidays">${w.holidays}</h3>
${rows.length
  ? html`<div class="table-wrap"><table class="data-table"><caption>${w.holidaysCaption(year)}</caption>
<thead><tr><th scope="col">${w.holidayName}</th><th scope="col">${w.period}</th><th scope="col">${w.dayCount}</th><th scope="col">${w.source}</th></tr></thead>
<tbody>${rows.map(
      (r) => html`<tr${r.agency ? html` class="row-agency"` : ''}><th scope="row">${data(view, r.name)}</th><td>${
        r.days === 1 ? html`<time datetime="${r.from}">${r.from}</time>` : html`<time datetime="${r.from}">${r.from}</time> ${w.to} <time datetime="${r.to}">${r.to}</time>`
      }</td><td>${w.days(r.days)}</td><td>${sourceCell(w, r.agency)}</td></tr>`,
    )}</tbody></table></div>`
  : html`<p>${w.noHolidays}</p>`}
<h3 id="makeup">${w.makeup}</h3>
${makeup.length
  ? html`<div class="table-wrap"><table class="data-table"><caption>${w.makeupCaption(year)}</caption>
<thead><tr><th scope="col">${w.date}</th><th scope="col">${w.weekday}</th><th scope="col">${w.reason}</th><th scope="col">${w.source}</th></tr></thead>
<tbody>${makeup.map(
      (d) => html`<tr${d.source === 'agency' ? html` class="row-agency"` : ''}><th scope="row"><time datetime="${d.date}">${d.date}</time></th><td>${weekdayName(w, d.date)}</td><td>${data(view, d.name ?? '')}</td><td>${sourceCell(w, d.source === 'agency')}</td></tr>`,
    )}</tbody></table></div>`
  : html`<p>${w.noMakeup}</p>`}
<p class="hint">${w.sourceNote}${anyAgency ? html` ${w.agencyNote}` : ''}</p>`;
}

function problemText(w: Words, p: CalcProblem, start: string): string {
  if (p.field === 'calc') return p.code === 'noCalendar' ? w.noCalendar(p.year) : w.tooLong;
  if (p.field === 'start') return p.code === 'required' ? w.startRequired : w.startInvalid(start);
  return p.code === 'required' ? w.daysRequired : p.code === 'invalid' ? w.daysInvalid : w.daysRange;
}

function calculatorSection(view: View, w: Words, page: CalendarPageData): SafeHtml {
  const calc = page.calculator;
  const values = calc.kind === 'result' ? { start: calc.start, days: String(calc.workingDays) } : calc.kind === 'error' ? { start: calc.start, days: calc.workingDays } : { start: '', days: '' };
  const problems = calc.kind === 'error' ? calc.problems : [];
  const fieldProblem = (field: 'start' | 'days') => problems.find((p) => p.field === field);
  const field = (name: 'start' | 'days', label: string, hint: string, input: (described: string, invalid: boolean) => SafeHtml) => {
    const problem = fieldProblem(name);
    const described = problem ? `calc-${name}-hint calc-${name}-error` : `calc-${name}-hint`;
    return html`<div class="form-field${problem ? ' has-error' : ''}"><label for="calc-${name}">${label}</label>
<p class="hint" id="calc-${name}-hint">${hint}</p>
${problem ? html`<p class="field-error" id="calc-${name}-error">${problemText(w, problem, values.start)}</p>` : ''}
${input(described, Boolean(problem))}</div>`;
  };
  // A GET form's own query replaces the action's: the language chosen in the address and the year shown go along.
  const action = `${view.base}${CALENDAR_PATH}#calculator`;
  return html`<section class="panel" aria-labelledby="calculator"><h2 id="calculator">${w.calculator}</h2>
<p>${w.calculatorIntro}</p>
${problems.length
  ? html`<div class="error-summary" role="alert" aria-labelledby="calc-problems"><h3 id="calc-problems">${w.problemsHeading}</h3><ul>${problems.map(
      (p) => html`<li>${p.field === 'calc' ? problemText(w, p, values.start) : html`<a href="#calc-${p.field}">${problemText(w, p, values.start)}</a>`}</li>`,
    )}</ul></div>`
  : ''}
<form class="calc-form" method="get" action="${action}">
${view.langInLinks ? html`<input type="hidden" name="lang" value="${view.lang}">` : ''}
<input type="hidden" name="year" value="${page.year}">
${field('start', w.startLabel, w.startHint, (d, bad) => html`<input id="calc-start" name="start" type="date" value="${values.start}" required aria-describedby="${d}"${bad ? html` aria-invalid="true"` : ''}>`)}
${field('days', w.daysLabel, w.daysHint, (d, bad) => html`<input id="calc-days" name="days" type="number" inputmode="numeric" min="1" max="${MAX_WORKING_DAYS}" step="1" value="${values.days}" required aria-describedby="${d}"${bad ? html` aria-invalid="true"` : ''}>`)}
<p><button class="button" type="submit">${w.compute}</button></p>
</form>
${calc.kind === 'result' ? resultBlock(view, w, calc) : ''}
</section>`;
}

function resultBlock(view: View, w: Words, calc: Extract<Calculator, { kind: 'result' }>): SafeHtml {
  const due = calc.result.dueDate!;
  return html`<div class="calc-result" aria-labelledby="calc-result-heading"><h3 id="calc-result-heading">${w.resultHeading}</h3>
<p class="due">${w.resultDue(calc.start, calc.workingDays)}<strong><time datetime="${due}">${due}</time>（${weekdayName(w, due)}）</strong></p>
<h4>${w.explanation}</h4>
<ol class="steps">${calc.result.steps.map((s) => html`<li>${data(view, s)}</li>`)}</ol>
<p class="hint">${w.resultNote}</p></div>`;
}

function rulesSection(w: Words): SafeHtml {
  return html`<section class="panel" aria-labelledby="rules"><h2 id="rules">${w.rules}</h2>
<ol class="rules">${w.rulesItems.map((item) => html`<li>${item}</li>`)}</ol></section>`;
}

/** 工作日与办理时限: the year's holidays and make-up days, the calculator and how time limits are counted. */
export function renderCalendarPage(view: View, page: CalendarPageData): PageContent {
  const w = words(view);
  const latest = page.coveredYears.at(-1);
  return {
    title: w.title,
    current: 'calendar',
    crumbs: [{ label: w.title }],
    main: html`<h1>${w.title}</h1>
<p class="lead">${w.lead}</p>
<section class="panel" aria-labelledby="year-heading"><h2 id="year-heading">${w.yearHeading(page.year)}</h2>
${page.yearInvalid ? html`<p class="notice">${w.yearInvalid}</p>` : ''}
${yearNav(view, w, page)}
${page.days
  ? holidaysSection(view, w, page.year, page.days)
  : html`<div class="notice notice-warning"><p><strong>${w.notPublished(page.year)}</strong></p><p>${w.notPublishedHint}</p>${
      latest !== undefined && latest !== page.year ? html`<p><a href="${yearLink(view, latest)}">${w.latestYear(latest)}</a></p>` : ''
    }</div>`}
</section>
${calculatorSection(view, w, page)}
${rulesSection(w)}`,
  };
}

/** 工作日历 of every agency site, with its working-day calculator (a GET form: rendered afresh when asked). */
export const CALENDAR_PAGES: SitePage[] = [
  {
    id: 'calendar',
    path: CALENDAR_PATH,
    readsQuery: true,
    render: async (ctx, view, agency, query) => renderCalendarPage(view, await loadCalendarPage(ctx, agency, query)),
  },
];

/**
 * Holidays and make-up days show on the calendar page (and the deadlines computed from them): an agency's change
 * drops that agency's pages, a deployment-wide notice ('*') every agency's.
 */
export function calendarInvalidates(ctx: AppContext, cache: SiteCache): void {
  ctx.events.on('calendar.changed', ({ scope }) => (scope === '*' ? cache.invalidateAll() : cache.invalidateAgency(scope)));
}
