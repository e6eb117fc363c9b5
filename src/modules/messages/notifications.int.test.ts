import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { withTransaction } from '../../db/database.js';
import { notifyCitizenAnswered, notifyUnitAssigned } from './notifications.js';

/** The mails messages queue in the outbox (mail delivers them: mail/delivery.int.test.ts). */
describe.each(testDatabases())('message notifications on $name', (database) => {
  let t: TestApp;
  let fgw: string;
  let agency: string;

  async function insertMessage(values: { unitId: string | null; state: string; title: string; contact?: string | null }): Promise<{ id: string; trackingCode: string }> {
    const id = crypto.randomUUID();
    const trackingCode = crypto.randomBytes(8).toString('hex').toUpperCase().match(/.{4}/g)!.join('-');
    const now = t.clock.now().toISOString();
    await t.db.kysely
      .insertInto('messages')
      .values({
        id, agency_id: agency, unit_id: values.unitId, tracking_code: trackingCode, type: 'consultation', state: values.state,
        title: values.title, content: '我想了解本市2026年重点项目的申报条件。', name: '张三', contact: values.contact ?? null,
        contact_key: null, address: null, public_consent: 0, correction_item_id: null, submitted_at: now,
        submitted_date: now.slice(0, 10), deadline_id: null, due_date: '2026-03-09', draft_reply: null, draft_by: null,
        reply: null, reply_unit_id: null, replied_by: null, replied_at: null, investigation: null, responsible_unit: null,
        measures: null, dismiss_reason: null, closed_at: null, published_at: null, public_title: null, public_content: null,
        public_reply: null, rating: null, rating_comment: null, rated_at: null, erased_at: null, updated_at: now, version: 1,
      })
      .execute();
    return { id, trackingCode };
  }
  const queued = (like: string) => t.db.kysely.selectFrom('mail_outbox').selectAll().where('dedupe_key', 'like', like).orderBy('recipient').execute();

  beforeAll(async () => {
    t = await startTestApp(database, { demo: true, config: { baseUrl: 'https://gk.jiangchuan.gov.cn/' } });
    const orgs = await t.db.kysely.selectFrom('organisations').select(['id', 'code']).where('code', 'in', ['jiangchuan', 'jc-fgw']).execute();
    fgw = orgs.find((o) => o.code === 'jc-fgw')!.id;
    agency = orgs.find((o) => o.code === 'jiangchuan')!.id;
    for (const username of ['editor', 'office', 'leader', 'sysadmin']) {
      await t.db.kysely.updateTable('users').set({ email: `${username}@jiangchuan.gov.cn` }).where('username', '=', username).execute();
    }
  });
  afterAll(() => t.close());

  it('tells everyone who may reply on the unit, once per assignment, and only if the assignment commits', async () => {
    const m = await insertMessage({ unitId: fgw, state: 'assigned', title: '关于重点项目申报条件的咨询' });
    const facts = { ...m, title: '关于重点项目申报条件的咨询', type: 'consultation', dueDate: '2026-03-09', unitId: fgw, agencyId: agency };
    // The reviewer may reply but has no e-mail address; the leader and the system administrator may not reply; the
    // office, which routes, is written to only when the unit has nobody to write to.
    expect(await withTransaction(t.db, (trx) => notifyUnitAssigned(trx, t.ctx, facts))).toBe(1);
    expect(await withTransaction(t.db, (trx) => notifyUnitAssigned(trx, t.ctx, facts))).toBe(0);
    await expect(
      withTransaction(t.db, async (trx) => {
        await trx.insertInto('message_events').values({ id: crypto.randomUUID(), message_id: m.id, seq: 1, type: 'assign', at: t.clock.now().toISOString(), actor_id: null, actor_name: '王敏', from_unit_id: null, to_unit_id: fgw, note: null }).execute();
        expect(await notifyUnitAssigned(trx, t.ctx, facts)).toBe(1);
        throw new Error('the assignment fails after the notification');
      }),
    ).rejects.toThrow('the assignment fails');
    const mails = await queued(`assigned:${m.id}:%`);
    expect(mails.map((r) => [r.recipient, r.kind, r.state])).toEqual([['editor@jiangchuan.gov.cn', 'message.assigned', 'pending']]);
    const mail = mails[0]!;
    expect(mail.subject).toBe('【留言办理】关于重点项目申报条件的咨询');
    expect(mail.body).toContain('李强，您好：');
    expect(mail.body).toContain('一件群众留言已交由市发展和改革委员会办理');
    expect(mail.body).toContain('类型：咨询');
    expect(mail.body).toContain('答复期限：2026-03-09');
    expect(mail.body).toContain(`https://gk.jiangchuan.gov.cn/console/messages/${m.id}`);
    expect(mail.body).not.toContain('张三');
  });

  it('tells a citizen with an e-mail address where to read the answer, without the answer or their details', async () => {
    const byPhone = await insertMessage({ unitId: fgw, state: 'answered', title: '电话留言', contact: '13800138000' });
    expect(await withTransaction(t.db, (trx) => notifyCitizenAnswered(trx, t.ctx, { ...byPhone, title: '电话留言', contact: '13800138000', agencyId: agency }))).toBe(false);
    const m = await insertMessage({ unitId: fgw, state: 'answered', title: '关于公交线路调整的建议', contact: 'zhangsan@example.cn' });
    const facts = { ...m, title: '关于公交线路调整的建议', contact: ' zhangsan@example.cn ', agencyId: agency };
    expect(await withTransaction(t.db, (trx) => notifyCitizenAnswered(trx, t.ctx, facts))).toBe(true);
    expect(await withTransaction(t.db, (trx) => notifyCitizenAnswered(trx, t.ctx, facts))).toBe(false);

    const [mail, ...more] = await queued(`answered:${m.id}`);
    expect(more).toEqual([]);
    expect(mail!.recipient).toBe('zhangsan@example.cn');
    expect(mail!.subject).toBe('您的留言已答复');
    expect(mail!.body).toContain('您提交的留言“关于公交线路调整的建议”已由江川市人民政府答复。');
    expect(mail!.body).toContain(`查询码：${m.trackingCode}`);
    expect(mail!.body).toContain(`https://gk.jiangchuan.gov.cn/messages/track/${m.trackingCode}`);
    expect(mail!.body).not.toContain('张三');
    expect(mail!.body).not.toContain('申报条件');
    expect(await queued(`answered:${byPhone.id}`)).toEqual([]);
  });
});
