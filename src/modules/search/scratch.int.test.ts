import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { startTestApp } from '../../../test/support/app.js';
import { search } from './search.service.js';

describe.each(testDatabases())('scratch %s', (database) => {
  it('searches', async () => {
    const t = await startTestApp(database, { demo: true, demoDocuments: true });
    try {
      for (const q of ['个人信息保护法', '个人信息', '法', '土地', '"义务教育"', '義務教育', '公务员 -教育', '文化 OR 土地', '标题:土地', '中华人民共和国主席令第八十七号']) {
        const r = await search(t.ctx.db, { q, filters: {}, sort: 'relevance', page: 1, pageSize: 5, viewer: { kind: 'public' } });
        console.log(database.name, q, r.total, r.tookMs, r.hits.map((h) => h.title + ' ' + (h.docNumber ?? '')).join(' | '), '\n  ', r.hits[0]?.snippet, JSON.stringify(r.facets.year.slice(0, 3)));
      }
    } finally {
      await t.close();
    }
  });
});
