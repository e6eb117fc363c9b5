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
// Words. Simplified Chinese and English; zh-TW is the Simplified page converted by OpenCC.

const zh = {
  title: '工作日与办理时限',
  lead: '本机关计算政府信息公开申请答复期限等办理时限时使用的工作日历：法定节假日、调休上班日和本机关的调整，以及办理时限的计算方法。',
  yearHeading: (y: number) => `${y} 年节假日安排`,
  yearNav: '选择年份',
  prevYear: (y: number) => `上一年（${y} 年）`,
  nextYear: (y: number) => `下一年（${y} 年）`,
  coveredRange: (a: number, b: number) => `可查询 ${a} 年至 ${b} 年的安排。`,
  yearInvalid: '年份无效，已显示当年的安排。',
  notPublished: (y: number) => `尚未公布该年节假日安排（${y} 年）。`,
  notPublishedHint: '国务院办公厅每年发布下一年的部分节假日安排。安排公布并录入本平台之前，期限落入该年的办理时限暂时无法计算。',
  latestYear: (y: number) => `查看 ${y} 年的安排`,
  holidays: '放假安排',
  holidaysCaption: (y: number) => `${y} 年放假日期（放假期间不计入工作日）`,
  makeup: '调休上班日',
  makeupCaption: (y: number) => `${y} 年调休上班日（这些周六、周日上班，计入工作日）`,
  holidayName: '名称',
  period: '日期',
  dayCount: '天数',
  source: '依据',
  date: '日期',
  weekday: '星期',
  reason: '事由',
  days: (n: number) => `${n} 天`,
  to: '至',
  national: '全国统一安排',
  agencyOwn: '本机关调整',
  agencyNote: '标为“本机关调整”的日期是本机关根据当地规定（如民族自治地方的节日）作出的调整，只适用于本机关的办理时限。',
  noHolidays: '该年没有放假安排。',
  noMakeup: '该年没有调休上班日。',
  sourceNote: '全国统一安排依据国务院办公厅关于当年部分节假日安排的通知。',
  weekdays: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  calculator: '办理时限计算器',
  calculatorIntro: '输入起算日期和工作日数，计算办理期限的截止日期。起算当日不计入。',
  startLabel: '起算日期',
  startHint: '如收到申请的日期，格式：2026-02-10',
  daysLabel: '工作日数',
  daysHint: `1 到 ${MAX_WORKING_DAYS} 之间的整数，如答复期限为 20 个工作日`,
  compute: '计算',
  problemsHeading: '请修改以下内容',
  startRequired: '请填写起算日期。',
  startInvalid: (v: string) => `起算日期${v ? `“${v}”` : ''}不存在或格式不正确，请按“2026-02-10”的格式填写。`,
  daysRequired: '请填写工作日数。',
  daysInvalid: '工作日数应为整数，如 20。',
  daysRange: `工作日数应在 1 到 ${MAX_WORKING_DAYS} 之间。`,
  noCalendar: (y: number) => `尚未公布该年节假日安排：该期限要计算到 ${y} 年，${y} 年的节假日安排尚未公布，暂时无法计算截止日期。`,
  tooLong: '时限跨度过长，无法计算。',
  resultHeading: '计算结果',
  resultDue: (start: string, n: number) => `自 ${start} 起 ${n} 个工作日，截止日期：`,
  explanation: '计算说明',
  resultNote: '计算结果供参考。具体案件的期限还受暂停、补正、延长等情况影响，以行政机关的书面告知为准。',
  rules: '办理时限怎样计算',
  rulesItems: [
    html`<strong>按工作日计算。</strong>星期一至星期五是工作日；星期六、星期日和法定节假日放假的日子不计入。因调休安排上班的星期六、星期日计入工作日。`,
    html`<strong>起算当日不计入。</strong>从收到申请的次日开始计算。收到申请的日期按《中华人民共和国政府信息公开条例》第三十一条确定：当面提交的，为提交之日；邮寄的，为签收之日；通过互联网或者传真提交的，为双方确认之日。`,
    html`<strong>一般答复期限为 20 个工作日。</strong>行政机关能够当场答复的，应当当场答复；不能当场答复的，应当自收到申请之日起 20 个工作日内答复（条例第三十三条）。`,
    html`<strong>补正后重新计算。</strong>申请内容不明确的，行政机关应当自收到申请之日起 7 个工作日内一次性告知补正；答复期限自收到补正的申请之日起计算（条例第三十条）。`,
    html`<strong>征求意见的时间不计入。</strong>征求第三方和其他机关意见所需的时间不计算在答复期限内；第三方应当自收到征求意见书之日起 15 个工作日内提出意见（条例第三十二条、第三十三条）。`,
    html`<strong>延长须经批准并告知。</strong>需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过 20 个工作日（条例第三十三条）。`,
    html`<strong>尚未公布的年份无法计算。</strong>每年的节假日安排由国务院办公厅公布。某一年的安排尚未公布时，期限落入该年的办理时限暂时无法准确计算，本平台不会按“周一至周五”推测，待安排公布后再确定截止日期。`,
  ],
};

type Words = typeof zh;

const en: Words = {
  title: 'Working days and time limits',
  lead: 'The working-day calendar this agency uses to count time limits such as the reply period for information disclosure requests: public holidays, make-up working days and the agency’s own adjustments, and how time limits are counted.',
  yearHeading: (y) => `Public holidays in ${y}`,
  yearNav: 'Choose a year',
  prevYear: (y) => `Previous year (${y})`,
  nextYear: (y) => `Next year (${y})`,
  coveredRange: (a, b) => `Arrangements from ${a} to ${b} are available.`,
  yearInvalid: 'That year is not valid; this year’s arrangement is shown.',
  notPublished: (y) => `The holiday arrangement for ${y} has not been published yet.`,
  notPublishedHint: 'The General Office of the State Council publishes each year’s holiday arrangement in advance. Until it is published and entered here, time limits that run into that year cannot be computed.',
  latestYear: (y) => `See the arrangement for ${y}`,
  holidays: 'Public holidays',
  holidaysCaption: (y) => `Days off in ${y} (not counted as working days)`,
  makeup: 'Make-up working days',
  makeupCaption: (y) => `Make-up working days in ${y} (these Saturdays and Sundays are working days)`,
  holidayName: 'Holiday',
  period: 'Dates',
  dayCount: 'Days',
  source: 'Set by',
  date: 'Date',
  weekday: 'Weekday',
  reason: 'For',
  days: (n) => `${n} ${n === 1 ? 'day' : 'days'}`,
  to: 'to',
  national: 'National arrangement',
  agencyOwn: 'This agency',
  agencyNote: 'Dates marked “This agency” are adjustments this agency made under local rules (for example holidays of an ethnic autonomous area); they apply only to this agency’s time limits.',
  noHolidays: 'No public holidays in this year.',
  noMakeup: 'No make-up working days in this year.',
  sourceNote: 'The national arrangement follows the State Council General Office notice on public holidays for the year.',
  weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  calculator: 'Time limit calculator',
  calculatorIntro: 'Enter a start date and a number of working days to find the due date. The start day itself is not counted.',
  startLabel: 'Start date',
  startHint: 'For example the day the request was received, as 2026-02-10',
  daysLabel: 'Working days',
  daysHint: `A whole number from 1 to ${MAX_WORKING_DAYS}, e.g. 20 for the reply period`,
  compute: 'Calculate',
  problemsHeading: 'Please correct the following',
  startRequired: 'Enter the start date.',
  startInvalid: (v) => `The start date${v ? ` “${v}”` : ''} does not exist or is not in the form 2026-02-10.`,
  daysRequired: 'Enter the number of working days.',
  daysInvalid: 'The number of working days must be a whole number, e.g. 20.',
  daysRange: `The number of working days must be between 1 and ${MAX_WORKING_DAYS}.`,
  noCalendar: (y) => `The holiday arrangement for ${y} has not been published yet: this time limit runs into ${y}, so its due date cannot be computed yet.`,
  tooLong: 'The time limit spans too long a period to compute.',
  resultHeading: 'Result',
  resultDue: (start, n) => `${n} working days from ${start}: due on `,
  explanation: 'How it was counted',
  resultNote: 'For reference only. The time limit of an actual case also depends on pauses, corrections and extensions; the agency’s written notice prevails.',
  rules: 'How time limits are counted',
  rulesItems: [
    html`<strong>In working days.</strong> Monday to Friday are working days; Saturdays, Sundays and public holidays are not counted. Saturdays and Sundays worked as make-up days are counted.`,
    html`<strong>The start day is not counted.</strong> Counting begins on the day after the request is received. Article 31 of the Regulations on the Disclosure of Government Information sets the day of receipt: the day of submission in person, the day of signing for post, or the day both sides confirm for the internet or fax.`,
    html`<strong>The usual reply period is 20 working days.</strong> An agency that can reply on the spot does so; otherwise it replies within 20 working days of receiving the request (Article 33).`,
    html`<strong>Counting restarts after a correction.</strong> If a request is unclear, the agency asks for all corrections at once within 7 working days; the reply period then runs from receipt of the corrected request (Article 30).`,
    html`<strong>Consultation time is not counted.</strong> Time needed to consult third parties and other agencies is not counted; a third party gives its opinion within 15 working days of receiving the consultation letter (Articles 32 and 33).`,
    html`<strong>Extensions need approval and notice.</strong> An extension needs the consent of the head of the disclosure office and notice to the requester, and may not exceed 20 working days (Article 33).`,
    html`<strong>Years not yet published cannot be computed.</strong> The State Council publishes each year’s holidays. Until then, time limits running into that year cannot be computed exactly; this platform does not guess “Monday to Friday”.`,
  ],
};

function words(view: View): Words {
  return view.lang === 'en' ? en : zh;
}

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
