import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { cliActor } from '../audit/audit.js';
import { importDocuments } from './import.commands.js';
import { parseJsonLines } from './reference/import-format.js';

describe.each(testDatabases())('importing documents on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true, demoDocuments: true });
  });
  afterAll(() => t.close());

  it('ships the demo agency with real published documents, each with an index number', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/items?org=jiangchuan&pageSize=100' })).json();
    expect(list.total).toBe(30);
    const titles = list.items.map((i: { title: string }) => i.title);
    expect(titles).toContain('中华人民共和国政府信息公开条例');
    const ordinance = list.items.find((i: { title: string }) => i.title === '中华人民共和国政府信息公开条例');
    expect(ordinance).toMatchObject({ category: '02.03', docNumber: '中华人民共和国国务院令第711号', writtenAt: '2019-04-03', state: 'published' });
    expect(ordinance.indexNumber).toMatch(/^MB0A0000X\/2019-\d{5}$/);
    expect(ordinance.publishedAt.startsWith('2019-04-0')).toBe(true);
    const catalog = (await t.app.inject({ method: 'GET', url: '/api/v1/catalog?org=jiangchuan' })).json();
    expect(catalog[1]).toMatchObject({ code: '02', itemCount: 30 });
  });

  it('imports JSON Lines idempotently, reporting bad lines', async () => {
    const text = [
      JSON.stringify({ title: '江川市2026年政府信息公开工作要点', body: '一、总体要求', docNumber: '江政办发[2026]3号', writtenAt: '2026-01-20', category: '03.01' }),
      JSON.stringify({ title: '缺正文' }),
      JSON.stringify({ title: '日期错误', body: '正文', writtenAt: '2026-02-30' }),
    ].join('\n');
    const parsed = parseJsonLines(text, 'plan.jsonl');
    expect(parsed.documents).toHaveLength(1);
    expect(parsed.errors.map((e) => `${e.line}:${e.field}`)).toEqual(['2:body', '3:writtenAt']);
    const first = await importDocuments({ ctx: t.ctx, principal: null, actor: cliActor() }, parsed.documents, { orgCode: 'jc-office-gk', category: null, publish: false });
    expect(first).toEqual({ imported: 1, skipped: 0, errors: [] });
    const again = await importDocuments({ ctx: t.ctx, principal: null, actor: cliActor() }, parsed.documents, { orgCode: 'jc-office-gk', category: null, publish: false });
    expect(again).toEqual({ imported: 0, skipped: 1, errors: [] });
    const draft = await t.db.kysely.selectFrom('item_revisions').select(['doc_number', 'state']).where('title', '=', '江川市2026年政府信息公开工作要点').executeTakeFirstOrThrow();
    expect(draft).toEqual({ doc_number: '江政办发〔2026〕3号', state: 'draft' });
  });
});
