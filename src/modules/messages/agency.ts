import type { AppContext } from '../../shared/context.js';
import { notFound } from '../../shared/errors.js';
import { findOrgByCode } from '../organisations/index.js';

/** The agency named by an `org` of the interaction API; 404 unless it is an agency (not a unit). */
export async function agencyByCode(ctx: AppContext, code: string) {
  const agency = await findOrgByCode(ctx.db.kysely, code);
  if (!agency || agency.kind !== 'agency') throw notFound('机关不存在');
  return agency;
}
