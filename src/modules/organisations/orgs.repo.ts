import type { Selectable } from 'kysely';
import type { Queryable } from '../../db/database.js';
import type { OrganisationTable } from '../../db/schema.js';

export type OrgRow = Selectable<OrganisationTable>;

export function findOrgByCode(q: Queryable, code: string) {
  return q.selectFrom('organisations').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findOrgById(q: Queryable, id: string) {
  return q.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listAgencies(q: Queryable) {
  return q.selectFrom('organisations').selectAll().where('kind', '=', 'agency').orderBy('sort_order').orderBy('code').execute();
}

/** Every organisation of an agency (the agency and its units), in display order. */
export function listAgencyTree(q: Queryable, agencyId: string) {
  return q
    .selectFrom('organisations')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

/** Has the organisation units under it? */
export async function hasSubOrganisations(q: Queryable, orgId: string): Promise<boolean> {
  return Boolean(await q.selectFrom('organisations').select('id').where('parent_id', '=', orgId).limit(1).executeTakeFirst());
}

/** A new organisation row with every profile field empty; callers give identity, place in the tree and what they know. */
export function newOrgRow(values: Pick<OrgRow, 'id' | 'code' | 'name' | 'kind' | 'agency_id' | 'path' | 'created_at'> & Partial<OrgRow>): OrgRow {
  return {
    parent_id: null,
    sort_order: 0,
    description: null,
    org_code: null,
    credit_code: null,
    site_code: null,
    sponsor: null,
    address: null,
    postcode: null,
    office_hours: null,
    phone: null,
    fax: null,
    email: null,
    icp: null,
    disclosure_officer: null,
    host: null,
    timezone: 'Asia/Shanghai',
    index_template: null,
    updated_at: values.created_at,
    version: 1,
    ...values,
  };
}
