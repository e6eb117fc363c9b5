import type { Queryable } from '../../db/database.js';
import { notFound, validationFailed } from '../../shared/errors.js';
import { findOrgByCode, findOrgById, type OrgRow } from './orgs.repo.js';

export interface AgencyOptions {
  /**
   * Where the code came from. A query (the default): an unknown code is a 404, there is nothing to show. A body
   * field: a 400 with the message on that field, so the form marks it.
   */
  field?: string;
  /** A unit's code names its agency (the default), or is refused with this message (a calendar belongs to an agency). */
  refuseUnits?: string;
}

/** The one answer to "which agency does this org code name" for every module (docs/adr/0016). */
export async function agencyOf(q: Queryable, code: string, options: AgencyOptions = {}): Promise<OrgRow> {
  const refuse = (message: string) => (options.field ? validationFailed({ [options.field]: message }) : notFound(message));
  const org = await findOrgByCode(q, code);
  if (!org) throw refuse('机构不存在');
  if (org.kind === 'agency') return org;
  if (options.refuseUnits) throw refuse(options.refuseUnits);
  const agency = await findOrgById(q, org.agency_id);
  if (!agency) throw refuse('机构不存在');
  return agency;
}
