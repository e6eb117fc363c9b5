import type { AppContext } from '../../shared/context.js';
import { notFound, validationFailed } from '../../shared/errors.js';
import { findOrgByCode, findOrgById, type OrgRow } from '../organisations/index.js';

/**
 * The agency an `org` code names (a unit's code names its agency). An unknown code in a query is a 404 (there
 * is nothing to list), in a body a 400 on the field.
 */
export async function agencyOf(ctx: AppContext, code: string, from: 'query' | 'body'): Promise<OrgRow> {
  const org = await findOrgByCode(ctx.db.kysely, code);
  const agency = org && (org.agency_id === org.id ? org : await findOrgById(ctx.db.kysely, org.agency_id));
  if (!agency) throw from === 'query' ? notFound('机构不存在') : validationFailed({ org: '机构不存在' });
  return agency;
}

export async function agencyById(ctx: AppContext, id: string): Promise<OrgRow> {
  const agency = await findOrgById(ctx.db.kysely, id);
  if (!agency) throw notFound('机构不存在');
  return agency;
}

/** LIKE that ignores the case of Latin letters on both engines (SQLite's LIKE does, PostgreSQL's does not). */
export function likeOp(ctx: AppContext): 'like' | 'ilike' {
  return ctx.db.dialect === 'postgres' ? 'ilike' : 'like';
}

/** Who changed a row: the staff member, or the command line's actor name. */
export function changedBy(actor: { id: string | null; name: string }): string {
  return actor.id ?? actor.name;
}
