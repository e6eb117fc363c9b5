import { describe, expect, it } from 'vitest';
import type { Lang } from '../../portal/i18n.js';
import { renderPage } from '../../portal/layout.js';
import { makeView } from '../../portal/view.js';
import type { OrgRow } from '../organisations/orgs.repo.js';
import { builtinNotices } from './builtin.js';
import { layerFromNotices, WorkCalendar } from './calendar.js';
import { holidayRows, parseYear, renderCalendarPage, runCalculator, type CalendarPageData } from './calendar.pages.js';

const national = layerFromNotices('national', builtinNotices());
const local = new WorkCalendar([
  national,
  { source: 'agency', years: [], days: [{ date: '2026-03-03', isOffDay: true, name: '三月三<script>' }] },
]);

const agency = { id: 'a', code: 'jiangchuan', name: '江川市人民政府', kind: 'agency', timezone: 'Asia/Shanghai' } as OrgRow;
const view = (lang: Lang = 'zh-CN', langFromQuery = false, base = '') =>
  makeView({ prefs: { lang, elder: false, langFromQuery }, agency, base, path: '/calendar', cssHref: '/assets/portal.css' });

function page(over: Partial<CalendarPageData> = {}): CalendarPageData {
  return { year: 2026, yearInvalid: false, coveredYears: local.coveredYears(), days: local.specialDaysOf(2026), calculator: { kind: 'empty' }, ...over };
}

describe('calendar page data', () => {
  it('groups consecutive days off by name and source', () => {
    const rows = holidayRows(local.specialDaysOf(2026));
    expect(rows.find((r) => r.name === '春节')).toEqual({ name: '春节', from: '2026-02-15', to: '2026-02-23', days: 9, agency: false });
    expect(rows.find((r) => r.agency)).toEqual({ name: '三月三<script>', from: '2026-03-03', to: '2026-03-03', days: 1, agency: true });
    expect(rows.map((r) => r.name)).toEqual(['元旦', '春节', '三月三<script>', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
  });

  it.each([
    [{}, 2026, false],
    [{ year: '2024' }, 2024, false],
    [{ year: '' }, 2026, false],
    [{ year: '1800' }, 2026, true],
    [{ year: '20x6' }, 2026, true],
    [{ year: ['2024', '2025'] }, 2026, true],
  ])('year %j → %i', (q, year, invalid) => expect(parseYear(q, 2026)).toEqual({ year, invalid }));

  it('computes a due date with its explanation', () => {
    const calc = runCalculator(local, { start: '2026-02-10', days: '20' });
    expect(calc.kind).toBe('result');
    if (calc.kind !== 'result') return;
    // The local holiday on 2026-03-03 moves the national answer (2026-03-16) by one working day.
    expect(calc.result.dueDate).toBe('2026-03-17');
    expect(calc.result.steps.at(-1)).toBe('办理期限截止于 2026-03-17（星期二）。');
  });

  it.each([
    [{ start: '2025-02-30', days: '5' }, [{ field: 'start', code: 'invalid' }]],
    [{ start: '2026-02-10', days: '-1' }, [{ field: 'days', code: 'invalid' }]],
    [{ start: '2026-02-10', days: '0' }, [{ field: 'days', code: 'range' }]],
    [{ start: '2026-02-10', days: '5000' }, [{ field: 'days', code: 'range' }]],
    [{ start: 'abc', days: 'xyz' }, [{ field: 'start', code: 'invalid' }, { field: 'days', code: 'invalid' }]],
    [{ start: '', days: '' }, [{ field: 'start', code: 'required' }, { field: 'days', code: 'required' }]],
    [{ start: ['2026-02-10', '2026-02-11'], days: '5' }, [{ field: 'start', code: 'invalid' }]],
    [{ start: '2026-12-20', days: '20' }, [{ field: 'calc', code: 'noCalendar', year: 2027 }]],
  ])('refuses %j readably', (q, problems) => {
    const calc = runCalculator(local, q);
    expect(calc.kind).toBe('error');
    if (calc.kind === 'error') expect(calc.problems).toEqual(problems);
  });

  it('asks nothing when the form was not sent', () => expect(runCalculator(local, { year: '2026' })).toEqual({ kind: 'empty' }));
});

describe('calendar page', () => {
  it('lists holidays and make-up days, marking the agency’s own, escaped', () => {
    const main = renderCalendarPage(view(), page()).main.value;
    expect(main).toContain('<h2 id="year-heading">2026 年节假日安排</h2>');
    expect(main).toContain('<th scope="row">春节</th><td><time datetime="2026-02-15">2026-02-15</time> 至 <time datetime="2026-02-23">2026-02-23</time></td><td>9 天</td>');
    expect(main).toContain('<th scope="row"><time datetime="2026-02-14">2026-02-14</time></th><td>星期六</td><td>春节</td>');
    expect(main).toContain('<tr class="row-agency"><th scope="row">三月三&lt;script&gt;</th>');
    expect(main).toContain('<span class="tag tag-agency">本机关调整</span>');
    expect(main).not.toContain('<script>');
    expect(main).toContain('<a href="/calendar?year=2025" rel="prev">上一年（2025 年）</a>');
    expect(main).not.toContain('rel="next"');
    // The law, modestly: 20 working days, extension at most 20, consultation not counted.
    expect(main).toContain('20 个工作日内答复（条例第三十三条）');
    expect(main).toContain('延长的期限最长不得超过 20 个工作日（条例第三十三条）');
    expect(main).toContain('征求第三方和其他机关意见所需的时间不计算在答复期限内');
  });

  it('says when a year is not published, linking to the latest one', () => {
    const main = renderCalendarPage(view(), page({ year: 2030, days: null })).main.value;
    expect(main).toContain('尚未公布该年节假日安排（2030 年）');
    expect(main).toContain('<a href="/calendar?year=2026">查看 2026 年的安排</a>');
    expect(main).not.toContain('<table');
  });

  it('shows the result with its steps, and the problems next to their fields', () => {
    const result = renderCalendarPage(view(), page({ calculator: runCalculator(local, { start: '2026-02-10', days: '20' }) })).main.value;
    expect(result).toContain('截止日期：<strong><time datetime="2026-03-17">2026-03-17</time>（星期二）</strong>');
    expect(result).toContain('<li>2026-03-03（星期二）三月三&lt;script&gt;放假，不计入。</li>');
    expect(result).toContain('value="2026-02-10"');

    const bad = renderCalendarPage(view(), page({ calculator: runCalculator(local, { start: '"><script>x</script>', days: '5' }) })).main.value;
    expect(bad).toContain('role="alert"');
    expect(bad).toContain('<p class="field-error" id="calc-start-error">起算日期“&quot;&gt;&lt;script&gt;x&lt;/script&gt;”不存在或格式不正确');
    expect(bad).toContain('aria-describedby="calc-start-hint calc-start-error" aria-invalid="true"');
    expect(bad).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(bad).not.toContain('<script>');
  });

  it('keeps the site prefix and a language chosen in the address on the form and links', () => {
    const main = renderCalendarPage(view('en', true, '/sites/hexi'), page()).main.value;
    expect(main).toContain('action="/sites/hexi/calendar#calculator"');
    expect(main).toContain('<input type="hidden" name="lang" value="en">');
    expect(main).toContain('href="/sites/hexi/calendar?year=2025&amp;lang=en"');
    expect(main).toContain('<th scope="row"><span lang="zh-CN">春节</span></th>');
    expect(main).toContain('Time limit calculator');
  });

  it('converts to Traditional characters in zh-TW, with the navigation item current', () => {
    const body = renderPage(view('zh-TW'), renderCalendarPage(view('zh-TW'), page()));
    expect(body).toContain('<a href="/calendar" aria-current="page">工作日與辦理時限</a>');
    expect(body).toContain('辦理時限計算器');
    expect(body).toContain('調休上班日');
  });
});
