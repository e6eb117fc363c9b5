import crypto from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { up as contributorsMigration } from '../../db/migrations/0012_revision_contributors.js';

const PASSWORD = 'Str0ng&Secret';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** The smallest .docx mammoth reads: one paragraph. */
async function oneParagraphDocx(text: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      `<w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** One file (and optional fields) as multipart/form-data. */
function multipart(fields: Record<string, string>, file: { name: string; data: Buffer }): { payload: Buffer; contentType: string } {
  const b = `----fourEyes${crypto.randomBytes(6).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.data, Buffer.from(`\r\n--${b}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${b}` };
}

describe.each(testDatabases())('four eyes over everyone who changed or passed a revision on $name', (database) => {
  let t: TestApp;
  let editor: Staff;
  let reviewer: Staff;
  let office: Staff;
  let leader: Staff;
  let both: Staff;
  let office2: Staff;

  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
    editor = await signIn(t, 'editor');
    reviewer = await signIn(t, 'reviewer');
    office = await signIn(t, 'office');
    leader = await signIn(t, 'leader');
    const sys = await signIn(t, 'sysadmin');
    const sec = await signIn(t, 'secadmin');
    const person = async (username: string, displayName: string, grants: [string, string][]) => {
      const user = await sys.request('POST', '/api/v1/users', { username, displayName, org: 'jc-office-gk', password: PASSWORD });
      for (const [role, org] of grants) expect((await sec.request('POST', `/api/v1/users/${user.json().id}/roles`, { role, org })).statusCode).toBe(201);
      return signIn(t, username, PASSWORD);
    };
    // The finding's account: 科室审核人 of the unit and 公开办 of the agency at once (the security administrator may grant both).
    both = await person('both', '兼任审核', [['unit-reviewer', 'jc-fgw'], ['office', 'jiangchuan']]);
    office2 = await person('office2', '公开办二', [['office', 'jiangchuan']]);
  });
  afterAll(() => t.close());

  const post = (who: Staff, id: string, step: string, body: object = {}) => who.request('POST', `/api/v1/items/${id}/${step}`, body);
  const view = async (who: Staff, id: string) => (await who.request('GET', `/api/v1/items/${id}`)).json();
  const draft = async (title: string, by = editor) => {
    const res = await by.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02.01', title, body: '<p>各有关单位：现将有关事项通知如下。</p>', writtenAt: '2026-02-20', issuingOrgan: '江川市发展和改革委员会' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const patch = async (who: Staff, id: string, changes: object) => {
    const res = await who.request('PATCH', `/api/v1/items/${id}`, { ...changes, version: (await view(who, id)).version });
    expect(res.statusCode, res.body).toBe(200);
  };
  const expectRefused = (res: { statusCode: number; json: () => { error: { code: string; message: string } } }, message: string) => {
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('four_eyes');
    expect(res.json().error.message).toContain(message);
  };
  const deniedAudits = async (id: string) =>
    (await t.db.kysely.selectFrom('audit_log').select(['action', 'actor_name', 'summary']).where('object_id', '=', id).where('outcome', '=', 'denied').orderBy('seq').execute()).map(
      (r) => ({ action: r.action, actor: r.actor_name, reason: (JSON.parse(r.summary ?? '{}') as { reason?: string }).reason }),
    );
  const contributors = async (id: string) =>
    (
      await t.db.kysely
        .selectFrom('item_revision_contributors as c')
        .innerJoin('item_revisions as r', 'r.id', 'c.revision_id')
        .innerJoin('users as u', 'u.id', 'c.user_id')
        .select(['u.username', 'c.kind', 'r.revision_no'])
        .where('r.item_id', '=', id)
        .execute()
    )
      .map((r) => `${r.revision_no}:${r.username}:${r.kind}`)
      .sort();

  it('refuses 初审 to a reviewer who rewrote the editor’s draft, in the API, the can flags, the queue and bulk', async () => {
    const id = await draft('审核人改写后的通知');
    await patch(reviewer, id, { body: '<p>审核人改写的正文。</p>' });
    expect((await post(editor, id, 'submit')).statusCode).toBe(200);
    const item = await view(reviewer, id);
    expect(item.can).toMatchObject({ review: false, edit: true });
    expect(item.denied.review).toContain('您修改过此稿件，不能审核自己修改的内容');
    const row = (await reviewer.request('GET', '/api/v1/workbench/items?state=submitted')).json().items.find((r: { id: string }) => r.id === id);
    expect(row).toMatchObject({ can: { review: false }, denied: { review: expect.stringContaining('您修改过此稿件') } });

    expectRefused(await post(reviewer, id, 'approve'), '您修改过此稿件，不能审核自己修改的内容');
    expectRefused(await post(reviewer, id, 'reject', { comment: '自己退回' }), '您修改过此稿件');
    const bulk = (await reviewer.request('POST', '/api/v1/items/bulk', { action: 'approve', ids: [id] })).json();
    expect(bulk.results).toEqual([{ id, ok: false, error: { code: 'four_eyes', message: expect.stringContaining('您修改过此稿件') } }]);
    expect((await view(editor, id)).state).toBe('submitted');
    expect(await deniedAudits(id)).toEqual([
      { action: 'item.unit-review', actor: 'reviewer', reason: 'changed-content' },
      { action: 'item.reject', actor: 'reviewer', reason: 'changed-content' },
      { action: 'item.unit-review', actor: 'reviewer', reason: 'changed-content' },
    ]);
    expect(await contributors(id)).toEqual(['1:editor:create', '1:reviewer:edit']);
  });

  it('refuses 复审 and publication to the office that rewrote a draft; another office member publishes', async () => {
    const id = await draft('公开办改写后的通知');
    await patch(office, id, { title: '公开办改写后的通知（修改稿）' });
    await post(editor, id, 'submit');
    expect((await post(reviewer, id, 'approve')).json().state).toBe('unit-reviewed');
    expect((await view(office, id)).can).toMatchObject({ approve: false, publish: false });
    expectRefused(await post(office, id, 'approve'), '您修改过此稿件，不能审核自己修改的内容');
    const bulk = (await office.request('POST', '/api/v1/items/bulk', { action: 'approve', ids: [id] })).json();
    expect(bulk.results[0]).toMatchObject({ ok: false, error: { code: 'four_eyes' } });
    // The leader (复审 permission, not a contributor) approves; the office still may not publish what it wrote.
    expect((await post(leader, id, 'approve')).json().state).toBe('approved');
    expectRefused(await post(office, id, 'publish', { at: '2026-04-01T09:00:00+08:00' }), '不能发布自己修改的内容');
    expect((await office.request('POST', '/api/v1/items/bulk', { action: 'publish', ids: [id] })).json().results[0].error.code).toBe('four_eyes');
    expect((await post(office2, id, 'publish')).json().state).toBe('published');
    expect((await deniedAudits(id)).map((a) => `${a.action}:${a.reason}`)).toEqual([
      'item.approve:changed-content',
      'item.approve:changed-content',
      'item.schedule:changed-content',
      'item.publish:changed-content',
    ]);
  });

  it('keeps one account holding unit-reviewer and office from passing both stages', async () => {
    // As in the finding: it edits, submits and tries to review alone — refused at the first stage it tries.
    const alone = await draft('一人包办的通知');
    await patch(both, alone, { body: '<p>兼任者改写。</p>' });
    expect((await post(both, alone, 'submit')).statusCode).toBe(200);
    expectRefused(await post(both, alone, 'approve'), '您修改过此稿件');

    // Without editing it may pass 初审, and is then refused at 复审 however it asks.
    const id = await draft('兼任者审核的通知');
    await post(editor, id, 'submit');
    expect((await post(both, id, 'approve')).json().state).toBe('unit-reviewed');
    const after = await view(both, id);
    expect(after.can).toMatchObject({ approve: false });
    expect(after.denied.approve).toContain('初审与复审须由不同人员完成');
    expectRefused(await post(both, id, 'approve'), '初审与复审须由不同人员完成');
    expectRefused(await post(both, id, 'approve', { override: '我来负责' }), '初审与复审须由不同人员完成');
    expectRefused(await post(both, id, 'reject', { comment: '退回' }), '初审与复审须由不同人员完成');
    expect((await both.request('POST', '/api/v1/items/bulk', { action: 'approve', ids: [id] })).json().results[0].error.message).toContain('初审与复审须由不同人员完成');
    expect((await view(editor, id)).state).toBe('unit-reviewed');
    // Someone else does 复审; publishing is not a third review, so the one who passed 初审 may release it.
    expect((await post(office, id, 'approve')).json().state).toBe('approved');
    expect((await post(both, id, 'publish')).json().state).toBe('published');
  });

  it('counts a 初审 of the current round only: after a rejection and a new 初审 by someone else, 复审 is open again', async () => {
    const id = await draft('退回后重新审核的通知');
    await post(editor, id, 'submit');
    await post(both, id, 'approve');
    expect((await post(office, id, 'reject', { comment: '请补充依据' })).json().state).toBe('rejected');
    await patch(editor, id, { body: '<p>补充了依据。</p>' });
    await post(editor, id, 'submit');
    expect((await view(both, id)).can.approve).toBe(true);
    expect((await post(reviewer, id, 'approve')).json().state).toBe('unit-reviewed');
    expect((await post(both, id, 'approve')).json().state).toBe('approved');
  });

  it('makes authors of whoever uploads or removes an attachment or imports a .docx body', async () => {
    const send = (who: Staff, id: string, path: string, fields: Record<string, string>, file: { name: string; data: Buffer }) => {
      const { payload, contentType } = multipart(fields, file);
      return t.app.inject({ method: 'POST', url: `/api/v1/items/${id}/${path}`, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': contentType }, payload });
    };
    const withImage = await draft('附件由审核人上传的通知');
    const uploaded = await send(reviewer, withImage, 'attachments', {}, { name: '示意图.png', data: PNG });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    await post(editor, withImage, 'submit');
    expectRefused(await post(reviewer, withImage, 'approve'), '您修改过此稿件');

    const removed = await draft('附件由兼任者删除的通知');
    const file = (await send(editor, removed, 'attachments', {}, { name: '附件.png', data: PNG })).json();
    expect((await both.request('DELETE', `/api/v1/items/${removed}/attachments/${file.id}`)).statusCode).toBe(204);
    await post(editor, removed, 'submit');
    expectRefused(await post(both, removed, 'approve'), '您修改过此稿件');

    const imported = await draft('正文由公开办导入的通知');
    const docx = await send(office, imported, 'import-docx', { version: String((await view(office, imported)).version) }, { name: '正文.docx', data: await oneParagraphDocx('公开办导入的正文') });
    expect(docx.statusCode, docx.body).toBe(200);
    await post(editor, imported, 'submit');
    await post(reviewer, imported, 'approve');
    expectRefused(await post(office, imported, 'approve'), '您修改过此稿件');
    expect(await contributors(imported)).toEqual(['1:editor:create', '1:office:docx']);
    expect(await contributors(removed)).toEqual(['1:both:attachment', '1:editor:attachment', '1:editor:create']);
  });

  it('records the reviser of a published item as the author of the new revision only', async () => {
    const id = await draft('将被修订的通知');
    await post(editor, id, 'submit');
    await post(reviewer, id, 'approve');
    await post(office, id, 'approve');
    await post(office, id, 'publish');
    await patch(office2, id, { title: '将被修订的通知（更正）', changeNote: '更正标题' });
    await post(office2, id, 'submit');
    expect((await post(reviewer, id, 'approve')).json().state).toBe('unit-reviewed');
    expectRefused(await post(office2, id, 'approve'), '您修改过此稿件');
    // The first revision's author did not write this one and may take the office's 复审 as any other member.
    expect((await post(office, id, 'approve')).json().state).toBe('approved');
    expect(await contributors(id)).toEqual(['1:editor:create', '2:office2:revise']);
  });

  it('lets the legitimate path of three people publish, the reviewer masking personal data on the way', async () => {
    const id = (
      await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02.01', title: '三人办理的通知', body: '<p>联系人电话13812341234。</p>', writtenAt: '2026-02-20', issuingOrgan: '江川市发展和改革委员会' })
    ).json().id as string;
    await post(editor, id, 'submit');
    expect((await post(reviewer, id, 'mask', { version: (await view(reviewer, id)).version })).statusCode).toBe(200);
    expect((await view(reviewer, id)).can.review).toBe(true);
    expect((await post(reviewer, id, 'approve')).json().state).toBe('unit-reviewed');
    expect((await post(office, id, 'approve')).json().state).toBe('approved');
    expect((await post(office, id, 'publish')).json().state).toBe('published');
    expect(await deniedAudits(id)).toEqual([]);
    expect(await contributors(id)).toEqual(['1:editor:create', '1:reviewer:mask']);
  });

  it('fills the contributors of existing revisions from their authors and the audit log when migrating', async () => {
    const recorded = await t.db.kysely.selectFrom('item_revision_contributors').select(['revision_id', 'user_id', 'kind']).execute();
    expect(recorded.length).toBeGreaterThan(10);
    await t.db.kysely.schema.dropTable('item_revision_contributors').execute();
    await contributorsMigration(t.db.kysely as never, t.db.dialect);
    const rebuilt = await t.db.kysely.selectFrom('item_revision_contributors').select(['revision_id', 'user_id', 'kind']).execute();
    const key = (r: { revision_id: string; user_id: string; kind: string }) => `${r.revision_id}:${r.user_id}:${r.kind}`;
    expect(rebuilt.map(key).sort()).toEqual(recorded.map(key).sort());
  });
});
