import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAnswer } from '../../../test/support/answers.js';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import {
  BulkView,
  ChallengeView,
  CitizenMessageView,
  HotTopicsView,
  InboxView,
  MessageDetailView,
  QaEntryView,
  QaListView,
  RatingView,
  SettingsView,
  SimilarQuestionsView,
  SubmittedView,
  TemplatesView,
  TemplateView,
} from './messages.schemas.js';

describe.each(testDatabases())("messages' answers match their schemas on $name", (database) => {
  let t: TestApp;
  let office: Staff;
  let editor: Staff;
  let fgw: string;
  const anonymous = (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, ...(payload ? { payload } : {}), remoteAddress: '203.0.113.40' });

  beforeAll(async () => {
    t = await startTestApp(database, { demo: true, config: { challengeAfter: 0, messageLimitPerHour: 1000, messageLimitPerContact: 1000 } });
    office = await signIn(t, 'office');
    editor = await signIn(t, 'editor');
    fgw = (await t.db.kysely.selectFrom('organisations').select('id').where('code', '=', 'jc-fgw').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  it("from the citizen's submission to the public answer, and the office's screens", async () => {
    const message = { org: 'jiangchuan', type: 'complaint', title: '窗口工作人员态度问题', content: '办事窗口工作人员推诿，未一次性告知材料。', name: '王五', contact: 'wangwu@example.cn', public: true };
    const { trackingCode } = expectAnswer(SubmittedView, await anonymous('POST', '/api/v1/messages', message), 201);
    expectAnswer(CitizenMessageView, await anonymous('GET', `/api/v1/messages/${trackingCode}`));
    const inbox = expectAnswer(InboxView, await office.request('GET', '/api/v1/inbox?org=jiangchuan'));
    const id = inbox.messages.find((m) => m.trackingCode === trackingCode)!.id;
    expectAnswer(MessageDetailView, await office.request('GET', `/api/v1/inbox/${id}`));
    expectAnswer(MessageDetailView, await office.request('POST', `/api/v1/inbox/${id}/assign`, { unitId: fgw }));
    const reply = { reply: '经核实情况属实，已整改。', investigation: '调取录像核实属实', responsibleUnit: '政务服务窗口', measures: '批评教育' };
    expectAnswer(MessageDetailView, await editor.request('POST', `/api/v1/inbox/${id}/reply`, reply));
    const published = expectAnswer(MessageDetailView, await office.request('POST', `/api/v1/inbox/${id}/publish`, { publish: true }));
    expect(published.publicCopy).not.toBeNull();
    const answered = expectAnswer(CitizenMessageView, await anonymous('GET', `/api/v1/messages/${trackingCode}`));
    expect(answered.accountability).toBeDefined();
    expectAnswer(RatingView, await anonymous('POST', `/api/v1/messages/${trackingCode}/rating`, { rating: 5, comment: '满意' }));
    const qa = expectAnswer(QaListView, await anonymous('GET', '/api/v1/qa?org=jiangchuan'));
    expectAnswer(QaEntryView, await anonymous('GET', `/api/v1/qa/${qa.entries[0]!.id}`));
    expectAnswer(SimilarQuestionsView, await anonymous('GET', `/api/v1/faq/similar?org=jiangchuan&text=${encodeURIComponent('窗口工作人员态度')}`));
    expectAnswer(ChallengeView, await anonymous('GET', '/api/v1/challenge'));

    const other = expectAnswer(SubmittedView, await anonymous('POST', '/api/v1/messages', { ...message, type: 'consultation', title: '批量办理的咨询' }), 201);
    const otherId = (await t.db.kysely.selectFrom('messages').select('id').where('tracking_code', '=', other.trackingCode).executeTakeFirstOrThrow()).id;
    const bulk = expectAnswer(BulkView, await office.request('POST', '/api/v1/inbox/bulk', { action: 'assign', ids: [otherId, id], unitId: fgw }));
    expect(bulk).toMatchObject({ succeeded: 1, failed: 1 });

    const settings = expectAnswer(SettingsView, await office.request('GET', '/api/v1/interaction/settings?org=jiangchuan'));
    expectAnswer(SettingsView, await office.request('PUT', '/api/v1/interaction/settings?org=jiangchuan', settings));
    const template = expectAnswer(TemplateView, await office.request('POST', '/api/v1/reply-templates', { org: 'jiangchuan', title: '模板', body: '您好', type: 'complaint' }), 201);
    expectAnswer(TemplateView, await office.request('PUT', `/api/v1/reply-templates/${template.id}`, { title: '模板二', body: '您好！', type: null }));
    expectAnswer(TemplatesView, await office.request('GET', '/api/v1/reply-templates?org=jiangchuan'));
    expect((await office.request('DELETE', `/api/v1/reply-templates/${template.id}`)).statusCode).toBe(204);
    expectAnswer(HotTopicsView, await office.request('GET', '/api/v1/interaction/hot-topics?org=jiangchuan'));
  });
});
