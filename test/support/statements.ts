import type { KyselyPlugin, QueryId, RootOperationNode } from 'kysely';
import type { Db } from '../../src/db/database.js';

export interface Counted<T> {
  result: T;
  /** How many SQL statements ran (queries of builders and `sql` templates; BEGIN and COMMIT are not counted). */
  statements: number;
  /** Their SQL, in order: what to look at when the count moves. */
  sql: string[];
}

/**
 * Counts the SQL statements `fn` makes through `db` (the application's Db: `t.db` or `t.ctx.db`), transactions
 * included: the database's Kysely is swapped for one with a counting plugin while `fn` runs, so the routes and
 * commands that read `ctx.db.kysely` when they run are measured as they are.
 *
 *   const { statements, sql } = await countStatements(t.db, () => office.request('POST', `/api/v1/items/${id}/approve`, {}));
 *
 * Not for concurrent use on one Db (the swap is global to it).
 */
export async function countStatements<T>(db: Db, fn: () => Promise<T>): Promise<Counted<T>> {
  const original = db.kysely;
  const executor = original.getExecutor();
  const nodes = new WeakMap<QueryId, RootOperationNode>();
  const sql: string[] = [];
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      nodes.set(args.queryId, args.node);
      return args.node;
    },
    transformResult: async (args) => {
      const node = nodes.get(args.queryId);
      sql.push(node ? executor.compileQuery(node, args.queryId).sql : '?');
      return args.result;
    },
  };
  db.kysely = original.withPlugin(counter);
  try {
    const result = await fn();
    return { result, statements: sql.length, sql };
  } finally {
    db.kysely = original;
  }
}

/**
 * How many of `sql` read `table` (selected from or joined), optionally only those that also match `where`: e.g. how
 * often a command reads one item's row, `readsOf(sql, 'items', /"i"\."id" (=|in)/)`.
 */
export function readsOf(sql: readonly string[], table: string, where?: RegExp): number {
  const re = new RegExp(`^select .*\\b(?:from|join) "${table}"`, 'i');
  return sql.filter((s) => re.test(s) && (!where || where.test(s))).length;
}
