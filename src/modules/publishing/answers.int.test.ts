import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { z } from 'zod';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { AnalyticsView, SearchView, SuggestView } from '../search/search.schemas.js';
import { CatalogHealthView, CatalogNodeView, CatalogVersionsView, TemplatesView, WorkingCatalogView } from './catalog.schemas.js';
import { ItemList, ItemStepView, ItemView } from './items.schemas.js';
import { FindingView, WordView } from './risk.schemas.js';
import { BulkItemsView, ReviewView, RevisionView, WorkbenchPageView } from './workbench.schemas.js';

/** The answers of publishing's and search's routes are what their response schemas (and so /api/openapi.json) say. */
describe.each(testDatabases())('answers match their documented schemas on $name', (database) => {
  let t: TestApp;
  let editor: Staff;
  let reviewer: Staff;
  let office: Staff;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true, demoDocuments: true });
    editor = await signIn(t, 'editor');
    reviewer = await signIn(t, 'reviewer');
    office = await signIn(t, 'office');
  });
  afterAll(() => t.close());

  const strictly = (schema: ZodType, body: unknown) => {
    const parsed = schema.safeParse(body);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  };
  const answer = async (who: Staff | null, method: 'GET' | 'POST', url: string, schema: ZodType, body?: object) => {
    const res = who ? await who.request(method, url, body) : await t.app.inject({ method, url });
    expect(res.statusCode, res.body).toBeLessThan(300);
    strictly(schema, res.json());
    return res.json();
  };

  it('describes the items, their workflow and the workbench', async () => {
    const created = await answer(editor, 'POST', '/api/v1/items', ItemView, { org: 'jc-fgw', category: '02.01', title: '答复格式', body: '<p>身份证号110105199003070021</p>', policyKind: '规章' });
    const id = created.id as string;
    await answer(editor, 'POST', `/api/v1/items/${id}/submit`, ItemStepView, {});
    await answer(reviewer, 'GET', `/api/v1/items/${id}/risks`, z.array(FindingView));
    await answer(reviewer, 'POST', `/api/v1/items/${id}/approve`, ItemStepView, { override: '已核实' });
    await answer(office, 'POST', `/api/v1/items/${id}/approve`, ItemStepView, { override: '已核实' });
    const bulk = await answer(office, 'POST', '/api/v1/items/bulk', BulkItemsView, { action: 'publish', ids: [id, 'nope'] });
    expect(bulk).toMatchObject({ succeeded: 1, failed: 1 });
    await answer(null, 'GET', `/api/v1/items/${id}`, ItemView);
    await answer(null, 'GET', '/api/v1/items?org=jiangchuan&pageSize=5', ItemList);
    await answer(office, 'GET', '/api/v1/workbench/items?state=published', WorkbenchPageView);
    await answer(office, 'GET', `/api/v1/items/${id}/revisions`, z.object({ revisions: z.array(RevisionView) }));
    await answer(office, 'GET', `/api/v1/items/${id}/reviews`, z.object({ reviews: z.array(ReviewView) }));
    await answer(office, 'GET', '/api/v1/risk/words?org=jiangchuan', z.object({ words: z.array(WordView) }));
  });

  it('describes the catalog and search', async () => {
    await answer(null, 'GET', '/api/v1/catalog?org=jiangchuan', z.array(CatalogNodeView));
    await answer(null, 'GET', '/api/v1/catalog/versions?org=jiangchuan', CatalogVersionsView);
    await answer(null, 'GET', '/api/v1/catalog/templates', TemplatesView);
    await answer(office, 'GET', '/api/v1/catalog/working?org=jiangchuan', WorkingCatalogView);
    await answer(office, 'GET', '/api/v1/catalog/health?org=jiangchuan', CatalogHealthView);
    await answer(null, 'GET', `/api/v1/search?q=${encodeURIComponent('条例')}&org=jiangchuan`, SearchView);
    await answer(null, 'GET', `/api/v1/search?q=${encodeURIComponent('不会有的词语组合')}`, SearchView);
    await answer(null, 'GET', `/api/v1/search/suggest?q=${encodeURIComponent('条')}`, SuggestView);
    await answer(office, 'GET', '/api/v1/search/analytics?org=jiangchuan', AnalyticsView);
  });
});
