import type { AppContext } from '../../shared/context.js';

/** LIKE that ignores the case of Latin letters on both engines (SQLite's LIKE does, PostgreSQL's does not). */
export function likeOp(ctx: AppContext): 'like' | 'ilike' {
  return ctx.db.dialect === 'postgres' ? 'ilike' : 'like';
}

/** Who changed a row: the staff member, or the command line's actor name. */
export function changedBy(actor: { id: string | null; name: string }): string {
  return actor.id ?? actor.name;
}
