import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';

// A checksum-valid 身份证号 (GB 11643) and a mobile number inside an otherwise ordinary notice.
const ID = '11010519491231002X';
const BODY = `<p>经研究，同意张三（身份证号${ID}，电话13812341234）的申请。</p><p>此件不公开</p>`;

describe.each(testDatabases())('pre-publication risk control on $name', (database) => {
  let t: TestApp;
  let editor: Staff;
  let reviewer: Staff;
  let office: Staff;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
    editor = await signIn(t, 'editor');
    reviewer = await signIn(t, 'reviewer');
    office = await signIn(t, 'office');
  });
  afterAll(() => t.close());

  const draft = async (title: string, body = BODY) => {
    const id = (await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02.01', title, body, writtenAt: '2026-02-20', issuingOrgan: '江川市发展和改革委员会' })).json().id as string;
    await editor.request('POST', `/api/v1/items/${id}/submit`);
    return id;
  };

  it('shows the reviewer what the scan found, with masked excerpts and positions', async () => {
    const id = await draft('关于同意张三申请的批复');
    const risks = (await reviewer.request('GET', `/api/v1/items/${id}/risks`)).json();
    const kinds = risks.map((r: { kind: string; level: string }) => `${r.kind}:${r.level}`);
    expect(kinds).toEqual(expect.arrayContaining(['id-card:重大', 'mobile:较大', 'sensitive-word:重大']));
    const idCard = risks.find((r: { kind: string }) => r.kind === 'id-card');
    expect(idCard.excerpt).toContain('110105********002X');
    expect(idCard.excerpt).not.toContain(ID);
    expect(BODY.slice(idCard.start, idCard.end)).toBe(ID);
    expect(JSON.stringify(risks)).not.toContain('13812341234');
  });

  it('refuses approval at either stage while a serious finding is open, unless the reviewer gives a reason', async () => {
    const id = await draft('批复一');
    const blocked = await reviewer.request('POST', `/api/v1/items/${id}/approve`, {});
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toMatchObject({ code: 'risk_blocked', fields: { override: expect.any(String) } });
    expect(blocked.json().error.findings.length).toBeGreaterThanOrEqual(3);
    const passed = await reviewer.request('POST', `/api/v1/items/${id}/approve`, { override: '当事人书面同意公开其身份信息' });
    expect(passed.json().state).toBe('unit-reviewed');
    // the office is a second check and must decide for itself
    expect((await office.request('POST', `/api/v1/items/${id}/approve`, {})).statusCode).toBe(409);
    const reviews = (await office.request('GET', `/api/v1/items/${id}/reviews`)).json().reviews;
    expect(reviews[0]).toMatchObject({ stage: 'unit', decision: 'approved', overrideReason: '当事人书面同意公开其身份信息' });
    expect(reviews[0].findings.some((f: { kind: string }) => f.kind === 'id-card')).toBe(true);
  });

  it('masks personal data in one action, after which only the sensitive word needs a decision', async () => {
    const id = await draft('批复二');
    const item = (await reviewer.request('GET', `/api/v1/items/${id}`)).json();
    expect((await editor.request('POST', `/api/v1/items/${id}/mask`, { version: item.version })).statusCode).toBe(403);
    const masked = await reviewer.request('POST', `/api/v1/items/${id}/mask`, { version: item.version });
    expect(masked.statusCode).toBe(200);
    expect(masked.json().masked).toBe(2);
    const left = masked.json().findings as { kind: string }[];
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((f) => f.kind === 'sensitive-word')).toBe(true);
    const body = (await reviewer.request('GET', `/api/v1/items/${id}`)).json().body;
    expect(body).toContain('110105********002X');
    expect(body).toContain('138****1234');
    expect(body).not.toContain(ID);
    expect((await reviewer.request('POST', `/api/v1/items/${id}/mask`, { version: item.version })).statusCode).toBe(409);
  });

  it('lets the office keep its own sensitive-word list', async () => {
    const add = await office.request('POST', '/api/v1/risk/words', { org: 'jiangchuan', word: '内部测试', level: '较大', note: '测试用' });
    expect(add.statusCode).toBe(201);
    expect((await office.request('POST', '/api/v1/risk/words', { org: 'jiangchuan', word: '内部测试', level: '较大' })).statusCode).toBe(409);
    expect((await editor.request('POST', '/api/v1/risk/words', { org: 'jiangchuan', word: 'x', level: '一般' })).statusCode).toBe(403);
    const id = await draft('普通通知', '<p>本通知为内部测试内容。</p>');
    const risks = (await reviewer.request('GET', `/api/v1/items/${id}/risks`)).json();
    expect(risks).toEqual([expect.objectContaining({ kind: 'sensitive-word', level: '较大' })]);
    expect((await reviewer.request('POST', `/api/v1/items/${id}/approve`, {})).statusCode).toBe(409);
    expect((await office.request('DELETE', `/api/v1/risk/words/${add.json().id}`)).statusCode).toBe(204);
    expect((await reviewer.request('POST', `/api/v1/items/${id}/approve`, {})).json().state).toBe('unit-reviewed');
  });
});
