import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { countStatements, readsOf } from '../../../test/support/statements.js';

/** Reads of one item's row (not of other items, such as its interpretations). */
const itemReads = (sql: readonly string[]) => readsOf(sql, 'items', /"i"\."id" (=|in)/);

/**
 * The SQL one workflow step costs, measured over the whole request (session, command, view): the item is read once
 * with what the checks need, and the view is answered from the command, not reloaded.
 */
describe.each(testDatabases())('statements of a workflow step on $name', (database) => {
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

  it('approves with few statements and one read of the item', async () => {
    const id = (await editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02.01', title: '语句计数', body: '<p>正文</p>' })).json().id as string;
    expect((await editor.request('POST', `/api/v1/items/${id}/submit`, {})).statusCode).toBe(200);
    const unit = await countStatements(t.db, () => reviewer.request('POST', `/api/v1/items/${id}/approve`, {}));
    expect(unit.result.statusCode, unit.result.body).toBe(200);
    const office_ = await countStatements(t.db, () => office.request('POST', `/api/v1/items/${id}/approve`, {}));
    expect(office_.result.statusCode, office_.result.body).toBe(200);
    if (process.env.SHOW_SQL) console.log(unit.sql.join('\n'));
    console.log(`[${database.name}] approve: 初审 ${unit.statements} statements (item row read ${itemReads(unit.sql)}×), 复审 ${office_.statements} (${itemReads(office_.sql)}×)`);
    // Before the command answered its view: 29 and 32 statements on SQLite (27, 30 on PostgreSQL), the item read 4×.
    // Now: 3 of the session, the item and its contributors, the scan's words, the writes, the audit record, the
    // index (search's own reads and writes), the view's files and interpretations.
    for (const step of [unit, office_]) {
      expect(step.statements).toBeLessThanOrEqual(22);
      // Once by the command, once by the search index in the same transaction.
      expect(itemReads(step.sql)).toBe(2);
    }
  });
});
