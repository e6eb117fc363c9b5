import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';

/** The 2027 notice as the State Council might issue it (shape of holiday-cn). */
const NOTICE_2027 = {
  year: 2027,
  papers: ['https://www.gov.cn/example/2027'],
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '春节', date: '2027-02-06', isOffDay: true },
    { name: '春节', date: '2027-02-07', isOffDay: true },
    { name: '春节', date: '2027-02-08', isOffDay: true },
    { name: '春节', date: '2027-02-09', isOffDay: true },
    { name: '春节', date: '2027-02-10', isOffDay: true },
    { name: '春节', date: '2027-02-11', isOffDay: true },
    { name: '春节', date: '2027-02-12', isOffDay: true },
    { name: '春节', date: '2027-02-20', isOffDay: false },
  ],
};

describe.each(testDatabases())('working-day calendar and deadlines on $name', (database) => {
  let t: TestApp;
  let office: Staff;
  let sys: Staff;
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
    office = await signIn(t, 'office');
    sys = await signIn(t, 'sysadmin');
  });
  afterAll(() => t.close());

  it('adds working days with an explanation, and counts them', async () => {
    const res = await get('/api/v1/workdays/add?date=2026-02-10&n=20');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ date: '2026-03-16', explanation: { dueDate: '2026-03-16', holidays: [{ name: '春节', days: 9 }] } });
    expect(res.json().explanation.steps.at(-1)).toBe('办理期限截止于 2026-03-16（星期一）。');
    expect((await get('/api/v1/workdays/between?from=2026-02-10&to=2026-03-16')).json().workingDays).toBe(20);
  });

  it('answers bad input with clear errors', async () => {
    const cases: [string, number, string][] = [
      ['/api/v1/workdays/add?date=2025-02-30&n=1', 400, 'date'],
      ['/api/v1/workdays/add?date=2025-02-03&n=-1', 400, 'n'],
      ['/api/v1/workdays/add?date=2025-02-03&n=5000', 400, 'n'],
      ['/api/v1/workdays/add?date=2025-02-03&n=abc', 400, 'n'],
      ['/api/v1/workdays/between?from=2025-03-02&to=2025-03-01', 400, ''],
      ['/api/v1/workdays/add?date=2025-02-03&n=3&org=nope', 404, ''],
    ];
    for (const [url, status, field] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(status);
      if (field) expect(res.json().error.fields[field], url).toBeTruthy();
    }
    const uncovered = await get('/api/v1/workdays/add?date=2026-12-20&n=20');
    expect(uncovered.statusCode).toBe(422);
    expect(uncovered.json().error).toMatchObject({ code: 'no_calendar' });
    expect(uncovered.json().error.message).toContain('no calendar for 2027');
  });

  it('lists a year of holidays and make-up days', async () => {
    const res = await get('/api/v1/calendar?org=jiangchuan&year=2026');
    expect(res.statusCode).toBe(200);
    const makeup = res.json().days.filter((d: { kind: string }) => d.kind === 'makeup').map((d: { date: string }) => d.date);
    expect(makeup).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect((await get('/api/v1/calendar?year=2030')).statusCode).toBe(422);
  });

  let deadlineId = '';
  it('opens a deadline that other modules and the office can follow', async () => {
    const res = await office.request('POST', '/api/v1/deadlines', { org: 'jiangchuan', label: '督办：公开2025年决算', start: '2026-02-27', workingDays: 5 });
    expect(res.statusCode).toBe(201);
    deadlineId = res.json().id;
    const d = (await office.request('GET', `/api/v1/deadlines/${deadlineId}`)).json();
    // 02-28 (make-up Saturday), 03-02, 03-03, 03-04, 03-05
    expect(d).toMatchObject({ dueDate: '2026-03-05', status: 'running', state: 'open', remainingWorkingDays: 3, overdue: false });
    expect(d.result.steps).toContain('2026-02-28（星期六）为春节调休上班日，计入工作日。');
    expect((await office.request('GET', '/api/v1/deadlines')).json().deadlines.map((x: { id: string }) => x.id)).toContain(deadlineId);
    const editor = await signIn(t, 'editor');
    expect((await editor.request('POST', '/api/v1/deadlines', { org: 'jiangchuan', label: 'x', start: '2026-02-27', workingDays: 5 })).statusCode).toBe(403);
  });

  it('lets the office add a local holiday, recomputing open deadlines and recording the change', async () => {
    const add = await office.request('POST', '/api/v1/calendar/overrides', { org: 'jiangchuan', date: '2026-03-03', isOffDay: true, name: '三月三', reason: '自治县条例规定' });
    expect(add.statusCode).toBe(201);
    expect(add.json().recomputed).toBe(1);
    expect((await get('/api/v1/workdays/add?date=2026-03-02&n=1&org=jiangchuan')).json().date).toBe('2026-03-04');
    expect((await get('/api/v1/workdays/add?date=2026-03-02&n=1&org=jc-fgw')).json().date).toBe('2026-03-04'); // a unit uses its agency's calendar
    expect((await get('/api/v1/workdays/add?date=2026-03-02&n=1')).json().date).toBe('2026-03-03'); // national calendar unchanged
    const d = (await office.request('GET', `/api/v1/deadlines/${deadlineId}`)).json();
    expect(d.dueDate).toBe('2026-03-06');
    expect(d.changes).toEqual([{ at: expect.any(String), cause: '2026-03-03 调整为放假（三月三）', beforeDue: '2026-03-05', afterDue: '2026-03-06' }]);
    expect(d.result.steps).toContain('2026-03-03（星期二）三月三放假，不计入。');

    expect((await office.request('POST', '/api/v1/calendar/overrides', { org: 'jiangchuan', date: '2026-03-03', isOffDay: true, name: '重复' })).statusCode).toBe(409);
    const uncovered = await office.request('POST', '/api/v1/calendar/overrides', { org: 'jiangchuan', date: '2027-03-03', isOffDay: true, name: '三月三' });
    expect(uncovered.statusCode).toBe(400);
    expect(uncovered.json().error.fields.date).toContain('2027');
    const editor = await signIn(t, 'editor');
    expect((await editor.request('POST', '/api/v1/calendar/overrides', { org: 'jiangchuan', date: '2026-04-01', isOffDay: true, name: 'x' })).statusCode).toBe(403);

    const auditor = await signIn(t, 'auditor');
    const audit = (await auditor.request('GET', '/api/v1/audit?action=calendar.override')).json();
    expect(audit.records[0]).toMatchObject({ action: 'calendar.override.add', actorName: 'office', summary: { recomputedDeadlines: 1 } });

    // taking the holiday back moves the due date back, recorded again
    const list = (await get('/api/v1/calendar?org=jiangchuan&year=2026')).json();
    const removed = await office.request('DELETE', `/api/v1/calendar/overrides/${list.overrides[0].id}`);
    expect(removed.json()).toEqual({ recomputed: 1 });
    const after = (await office.request('GET', `/api/v1/deadlines/${deadlineId}`)).json();
    expect(after.dueDate).toBe('2026-03-05');
    expect(after.changes).toHaveLength(2);
  });

  it('pauses, resumes and extends a deadline, refusing events that do not fit', async () => {
    const resumeFirst = await office.request('POST', `/api/v1/deadlines/${deadlineId}/events`, { type: 'resume', date: '2026-03-02' });
    expect(resumeFirst.statusCode).toBe(400);
    const pause = await office.request('POST', `/api/v1/deadlines/${deadlineId}/events`, { type: 'pause', date: '2026-03-02', reason: '征求第三方意见' });
    expect(pause.json()).toMatchObject({ status: 'paused', dueDate: null });
    const resume = await office.request('POST', `/api/v1/deadlines/${deadlineId}/events`, { type: 'resume', date: '2026-03-04' });
    expect(resume.json()).toMatchObject({ status: 'running', dueDate: '2026-03-10', pausedWorkingDays: 3 });
    const extend = await office.request('POST', `/api/v1/deadlines/${deadlineId}/events`, { type: 'extend', date: '2026-03-05', days: 2, reason: '材料较多', approver: '王敏' });
    expect(extend.json().dueDate).toBe('2026-03-12');
    const missingApprover = await office.request('POST', `/api/v1/deadlines/${deadlineId}/events`, { type: 'extend', date: '2026-03-05', days: 2, reason: 'x' });
    expect(missingApprover.statusCode).toBe(400);
    expect(missingApprover.json().error.fields.approver).toBeTruthy();
    const backwards = await office.request('POST', `/api/v1/deadlines/${deadlineId}/events`, { type: 'pause', date: '2026-03-01', reason: 'x' });
    expect(backwards.statusCode).toBe(400);
    expect((await office.request('POST', `/api/v1/deadlines/${deadlineId}/close`)).statusCode).toBe(204);
    expect((await office.request('POST', `/api/v1/deadlines/${deadlineId}/events`, { type: 'pause', date: '2026-03-09', reason: 'x' })).statusCode).toBe(409);
  });

  it('previews a deadline for anyone, without storing it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/deadlines/preview',
      payload: { start: '2025-09-01', workingDays: 20, events: [{ type: 'pause', date: '2025-09-10', reason: '第三方' }, { type: 'resume', date: '2025-09-19' }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ pausedWorkingDays: 8, status: 'running' });
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/deadlines/preview', payload: { start: '2025-09-01', workingDays: 20, events: [{ type: 'resume', date: '2025-09-19' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields['events.0.date']).toBeTruthy();
  });

  it('imports a new year’s notice, after which deadlines into that year can be computed', async () => {
    expect((await office.request('POST', '/api/v1/calendar/notices', { org: '*', notice: NOTICE_2027 })).statusCode).toBe(403);
    const wrongYear = await sys.request('POST', '/api/v1/calendar/notices', {
      org: '*',
      notice: { ...NOTICE_2027, days: [...NOTICE_2027.days, { name: 'x', date: '2029-01-01', isOffDay: true }] },
    });
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.json().error.fields['days.9.date']).toContain('不在 2027 年');
    const malformed = await sys.request('POST', '/api/v1/calendar/notices', { org: '*', notice: { year: 2027, days: [{ date: '2027-02-30', isOffDay: 'yes' }] } });
    expect(malformed.statusCode).toBe(400);
    const open = await office.request('POST', '/api/v1/deadlines', { org: 'jiangchuan', label: '跨年', start: '2026-12-20', workingDays: 20 });
    expect(open.statusCode).toBe(422);

    const ok = await sys.request('POST', '/api/v1/calendar/notices', { org: '*', notice: NOTICE_2027 });
    expect(ok.json()).toEqual({ replaced: false, recomputed: 0 });
    expect((await get('/api/v1/workdays/add?date=2027-02-05&n=1')).json().date).toBe('2027-02-15');
    expect((await get('/api/v1/workdays/add?date=2027-02-19&n=1&org=jiangchuan')).json().date).toBe('2027-02-20');
    const crossing = await office.request('POST', '/api/v1/deadlines', { org: 'jiangchuan', label: '跨年', start: '2026-12-20', workingDays: 20 });
    expect(crossing.statusCode).toBe(201);
    // the office imports a corrected notice for its own agency: its open deadline is recomputed
    const corrected = { ...NOTICE_2027, days: [...NOTICE_2027.days, { name: '元旦', date: '2027-01-04', isOffDay: true }] };
    const own = await office.request('POST', '/api/v1/calendar/notices', { org: 'jiangchuan', notice: corrected });
    expect(own.json()).toEqual({ replaced: false, recomputed: 1 });
    const again = await office.request('POST', '/api/v1/calendar/notices', { org: 'jiangchuan', notice: corrected });
    expect(again.json()).toEqual({ replaced: true, recomputed: 0 });
    const notices = (await get('/api/v1/calendar/notices?org=jiangchuan')).json().notices;
    expect(notices.map((n: { scope: string; year: number }) => `${n.scope}/${n.year}`)).toEqual(['*/2027', 'jiangchuan/2027']);
  });
});
