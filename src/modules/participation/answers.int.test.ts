import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAnswer } from '../../../test/support/answers.js';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import {
  CommentReceiptView,
  FaqListView,
  ManagedFaqListView,
  ManagedFaqView,
  OkView,
  SolicitationListView,
  SolicitationView,
  StaffCommentsView,
} from './participation.schemas.js';

describe.each(testDatabases())("participation's answers match their schemas on $name", (database) => {
  let t: TestApp;
  let office: Staff;
  const anonymous = (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, ...(payload ? { payload } : {}), remoteAddress: '203.0.113.41' });

  beforeAll(async () => {
    t = await startTestApp(database, { demo: true, config: { challengeAfter: 0 } });
    office = await signIn(t, 'office');
  });
  afterAll(() => t.close());

  it('of the FAQ', async () => {
    const entry = expectAnswer(ManagedFaqView, await office.request('POST', '/api/v1/faq', { org: 'jiangchuan', category: '户籍', question: '居住证怎么办？', answer: '到派出所办理。' }), 201);
    expectAnswer(ManagedFaqView, await office.request('PATCH', `/api/v1/faq/${entry.id}`, { sortOrder: 3, version: entry.version }));
    expectAnswer(ManagedFaqListView, await office.request('GET', '/api/v1/faq/manage?org=jiangchuan'));
    expectAnswer(FaqListView, await anonymous('GET', '/api/v1/faq?org=jiangchuan'));
  });

  it('of the solicitations, to the published feedback', async () => {
    const now = t.clock.now().getTime();
    const created = expectAnswer(
      SolicitationView,
      await office.request('POST', '/api/v1/solicitations', {
        org: 'jiangchuan',
        title: '征求意见',
        summary: '说明',
        body: '<p>正文</p>',
        opensAt: new Date(now - 1000).toISOString(),
        closesAt: new Date(now + 86_400_000).toISOString(),
      }),
      201,
    );
    expectAnswer(SolicitationView, await office.request('PATCH', `/api/v1/solicitations/${created.id}`, { title: '公开征求意见', version: created.version }));
    const comment = expectAnswer(CommentReceiptView, await anonymous('POST', `/api/v1/solicitations/${created.id}/comments`, { content: '建议延长办理时间。' }), 201);
    expectAnswer(StaffCommentsView, await office.request('GET', `/api/v1/solicitations/${created.id}/comments`));
    expectAnswer(OkView, await office.request('POST', `/api/v1/solicitation-comments/${comment.id}/moderate`, { decision: 'show' }));
    t.clock.advance(2 * 86_400_000);
    try {
      const later = await signIn(t, 'office');
      expectAnswer(OkView, await later.request('POST', `/api/v1/solicitation-comments/${comment.id}/adoption`, { adoption: 'adopted', reason: '已采纳' }));
      const done = expectAnswer(SolicitationView, await later.request('POST', `/api/v1/solicitations/${created.id}/feedback`, { feedback: '采纳一条。' }));
      expect(done.counts.adopted).toBe(1);
      expectAnswer(SolicitationView, await anonymous('GET', `/api/v1/solicitations/${created.id}`));
      expectAnswer(SolicitationListView, await anonymous('GET', '/api/v1/solicitations?org=jiangchuan'));
    } finally {
      t.clock.advance(-2 * 86_400_000);
    }
  });
});
