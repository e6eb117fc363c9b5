import type { AppContext } from '../../shared/context.js';
import { notFound } from '../../shared/errors.js';
import { presentOrg } from './orgs.present.js';
import { findOrgByCode, listAgencies, listAgencyTree } from './orgs.repo.js';
import type { OrgListOut, OrgOut } from './orgs.schemas.js';

/** Every agency (a site each), or the whole tree of the agency `agencyCode` names (a unit's code names its agency). */
export async function listOrgs(ctx: AppContext, agencyCode: string | undefined): Promise<OrgListOut> {
  const q = ctx.db.kysely;
  if (!agencyCode) return { orgs: (await listAgencies(q)).map(presentOrg) };
  const org = await findOrgByCode(q, agencyCode);
  if (!org) throw notFound('机关不存在');
  return { orgs: (await listAgencyTree(q, org.agency_id)).map(presentOrg) };
}

/** One organisation's profile (public information: 机构概况). */
export async function readOrg(ctx: AppContext, code: string): Promise<OrgOut> {
  const org = await findOrgByCode(ctx.db.kysely, code);
  if (!org) throw notFound('机构不存在');
  return presentOrg(org);
}
