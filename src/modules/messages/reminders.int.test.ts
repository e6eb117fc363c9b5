import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeer, startTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { queueDeadlineReminders } from './reminders.js';

describe.each(testDatabases())('deadline reminders on $name', (database) => {
  let t: TestApp;
  let fgw: string;
  let agency: string;
  const users: Record<string, string> = {};

  /** Moves the shared test clock to an instant (the agency is in Asia/Shanghai, UTC+8). */
  function setClock(iso: string): void {
    t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
  }

  async function insertMessage(values: { unitId: string | null; state: string; dueDate: string; title: string }): Promise<string> {
    const id = crypto.randomUUID();
    const now = t.clock.now().toISOString();
    await t.db.kysely
      .insertInto('messages')
      .values({
        id, agency_id: agency, unit_id: values.unitId, tracking_code: crypto.randomBytes(8).toString('hex'), type: 'problem',
        state: values.state, title: values.title, content: '小区门口路灯损坏已一个月。', name: '李四', contact: '13800138000',
        contact_key: null, address: null, public_consent: 0, correction_item_id: null, submitted_at: now,
        submitted_date: now.slice(0, 10), deadline_id: null, due_date: values.dueDate, draft_reply: null, draft_by: null,
        reply: null, reply_unit_id: null, replied_by: null, replied_at: null, investigation: null, responsible_unit: null,
        measures: null, dismiss_reason: null, closed_at: null, published_at: null, public_title: null, public_content: null,
        public_reply: null, rating: null, rating_comment: null, rated_at: null, erased_at: null, updated_at: now, version: 1,
      })
      .execute();
    return id;
  }

  async function mailsOf(messageId: string): Promise<{ kind: string; recipient: string; subject: string; body: string; dedupe_key: string }[]> {
    return t.db.kysely
      .selectFrom('mail_outbox')
      .select(['kind', 'recipient', 'subject', 'body', 'dedupe_key'])
      .where('dedupe_key', 'like', `%:${messageId}:%`)
      .orderBy('dedupe_key')
      .execute();
  }

  async function outboxSize(): Promise<number> {
    const row = await t.db.kysely.selectFrom('mail_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
    const orgs = await t.db.kysely.selectFrom('organisations').select(['id', 'code']).where('code', 'in', ['jiangchuan', 'jc-fgw']).execute();
    fgw = orgs.find((o) => o.code === 'jc-fgw')!.id;
    agency = orgs.find((o) => o.code === 'jiangchuan')!.id;
    // The editor replies for the unit, the office routes for the agency (and may reply too); the leader only reads.
    for (const username of ['editor', 'office', 'leader']) {
      const u = await t.db.kysely.updateTable('users').set({ email: `${username}@jiangchuan.gov.cn` }).where('username', '=', username).returning('id').executeTakeFirstOrThrow();
      users[username] = u.id;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts working days across the May Day holiday: due soon two working days ahead, overdue the day after', async () => {
    // Due Wednesday 6 May 2026; 1–5 May are the 劳动节 holiday.
    const id = await insertMessage({ unitId: fgw, state: 'assigned', dueDate: '2026-05-06', title: '路灯损坏的问题' });
    // Tuesday 28 April, 10:00 in Jiangchuan: 29 and 30 April and 6 May are three working days — not yet due soon.
    setClock('2026-04-28T02:00:00.000Z');
    expect(await queueDeadlineReminders(t.ctx)).toEqual({ dueSoon: 0, overdue: 0 });
    // Wednesday 29 April: eight calendar days, but only two working days (30 April, 6 May) — due soon.
    setClock('2026-04-29T02:00:00.000Z');
    expect(await queueDeadlineReminders(t.ctx)).toEqual({ dueSoon: 2, overdue: 0 });
    let mails = await mailsOf(id);
    expect(mails.map((m) => [m.dedupe_key, m.recipient]).sort()).toEqual(
      [
        [`due-soon:${id}:2026-05-06:${users.editor}`, 'editor@jiangchuan.gov.cn'],
        [`due-soon:${id}:2026-05-06:${users.office}`, 'office@jiangchuan.gov.cn'],
      ].sort(),
    );
    const editorMail = mails.find((m) => m.recipient === 'editor@jiangchuan.gov.cn')!;
    expect(editorMail.subject).toBe('【即将到期】路灯损坏的问题');
    expect(editorMail.body).toContain('市发展和改革委员会办理的一件群众留言即将到期（还剩 2 个工作日）');
    expect(editorMail.body).toContain('答复期限：2026-05-06');
    expect(editorMail.body).not.toContain('李四');
    // Through the holiday and on the due date itself: nothing new.
    setClock('2026-05-03T02:00:00.000Z');
    expect(await queueDeadlineReminders(t.ctx)).toEqual({ dueSoon: 0, overdue: 0 });
    setClock('2026-05-06T15:59:00.000Z'); // 23:59 on 6 May in Jiangchuan, still 6 May
    expect(await queueDeadlineReminders(t.ctx)).toEqual({ dueSoon: 0, overdue: 0 });
    // 00:00 on 7 May in Jiangchuan while it is still 6 May in UTC: the agency's day decides — overdue.
    setClock('2026-05-06T16:00:00.000Z');
    expect(await queueDeadlineReminders(t.ctx)).toEqual({ dueSoon: 0, overdue: 2 });
    expect(await queueDeadlineReminders(t.ctx)).toEqual({ dueSoon: 0, overdue: 0 });
    mails = await mailsOf(id);
    const overdue = mails.filter((m) => m.kind === 'message.overdue');
    expect(overdue.map((m) => m.dedupe_key).sort()).toEqual([`overdue:${id}:2026-05-06:${users.editor}`, `overdue:${id}:2026-05-06:${users.office}`].sort());
    expect(overdue[0]!.subject).toBe('【已超期】路灯损坏的问题');
  });

  it('reminds the office of messages it has not routed, follows the agency setting, and ignores closed messages', async () => {
    setClock('2026-06-15T02:00:00.000Z'); // Monday; 19 June (Friday) is the 端午节 holiday
    const received = await insertMessage({ unitId: null, state: 'received', dueDate: '2026-06-18', title: '尚未分办的留言' });
    const answered = await insertMessage({ unitId: fgw, state: 'answered', dueDate: '2026-06-16', title: '已答复的留言' });
    const later = await insertMessage({ unitId: fgw, state: 'reviewing', dueDate: '2026-06-22', title: '端午节后到期的留言' });
    // 16, 17, 18 June: three working days, beyond the default two.
    expect(await queueDeadlineReminders(t.ctx)).toEqual({ dueSoon: 0, overdue: 0 });
    const now = t.clock.now().toISOString();
    await t.db.kysely
      .insertInto('interaction_settings')
      .values({ agency_id: agency, reply_limits: '{}', review_required: 1, due_soon_days: 3, retention_days: null, updated_at: now, version: 1 })
      .execute();
    expect(await queueDeadlineReminders(t.ctx)).toEqual({ dueSoon: 1, overdue: 0 });
    const [office] = await mailsOf(received);
    expect(office).toMatchObject({ recipient: 'office@jiangchuan.gov.cn', dedupe_key: `due-soon:${received}:2026-06-18:${users.office}` });
    expect(office!.body).toContain('一件群众留言尚未分办，即将到期（还剩 3 个工作日），请尽快分办。');
    expect(await mailsOf(answered)).toEqual([]);
    // Due 22 June: from Monday 15 June four working days (16, 17, 18, 22 — 19 to 21 June are the holiday), from
    // Tuesday 16 June three, so due soon now.
    setClock('2026-06-16T02:00:00.000Z');
    expect(await queueDeadlineReminders(t.ctx)).toEqual({ dueSoon: 2, overdue: 0 });
    expect((await mailsOf(later)).map((m) => m.recipient).sort()).toEqual(['editor@jiangchuan.gov.cn', 'office@jiangchuan.gov.cn']);
    await t.db.kysely.deleteFrom('interaction_settings').where('agency_id', '=', agency).execute();
    await t.db.kysely.updateTable('messages').set({ state: 'answered' }).where('id', 'in', [received, later]).execute();
  });

  it('queues each reminder exactly once with two instances running the job at the same time, again and again', async () => {
    setClock('2026-09-07T02:00:00.000Z'); // Monday
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      // Three overdue (before today), three due within two working days.
      ids.push(await insertMessage({ unitId: fgw, state: 'assigned', dueDate: i < 3 ? '2026-09-04' : '2026-09-09', title: `并发提醒 ${i}` }));
    }
    const peer = await startPeer(t);
    const before = await outboxSize();
    let dueSoon = 0;
    let overdue = 0;
    try {
      for (let round = 0; round < 4; round++) {
        // On PostgreSQL the instances race truly; two SQLite connections in one thread take turns.
        const results =
          database.name === 'postgres'
            ? await Promise.all([queueDeadlineReminders(t.ctx), queueDeadlineReminders(peer.ctx), queueDeadlineReminders(peer.ctx)])
            : [await queueDeadlineReminders(t.ctx), await queueDeadlineReminders(peer.ctx)];
        for (const r of results) {
          dueSoon += r.dueSoon;
          overdue += r.overdue;
        }
      }
    } finally {
      await peer.close();
    }
    expect({ dueSoon, overdue }).toEqual({ dueSoon: 6, overdue: 6 });
    expect((await outboxSize()) - before).toBe(12);
    for (const [i, id] of ids.entries()) {
      const mails = await mailsOf(id);
      expect(mails.map((m) => m.kind)).toEqual(i < 3 ? ['message.overdue', 'message.overdue'] : ['message.due-soon', 'message.due-soon']);
    }
  });
});
