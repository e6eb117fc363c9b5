import type { Selectable } from 'kysely';
import type { Queryable } from '../../db/database.js';
import type { OrganisationTable } from '../../db/schema.js';
import type { Scope } from '../accounts/index.js';

export type OrgRow = Selectable<OrganisationTable>;

export function findOrgByCode(q: Queryable, code: string) {
  return q.selectFrom('organisations').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findOrgById(q: Queryable, id: string) {
  return q.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAgencyByHost(q: Queryable, host: string) {
  return q
    .selectFrom('organisations')
    .selectAll()
    .where('kind', '=', 'agency')
    .where('host', '=', host.toLowerCase())
    .executeTakeFirst();
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

/** Organisations within a policy scope: the filter is part of the query, never applied afterwards. */
export function listOrgsInScope(q: Queryable, scope: Scope) {
  let query = q.selectFrom('organisations').selectAll();
  if (!scope.all) {
    const paths = scope.paths;
    if (paths.length === 0) return Promise.resolve([] as OrgRow[]);
    query = query.where((eb) => eb.or(paths.map((p) => eb('path', 'like', `${p}%`))));
  }
  return query.orderBy('path').execute();
}

export async function hasDependants(q: Queryable, orgId: string): Promise<string | null> {
  const child = await q.selectFrom('organisations').select('id').where('parent_id', '=', orgId).limit(1).executeTakeFirst();
  if (child) return '该机构下还有下级机构';
  const user = await q.selectFrom('users').select('id').where('org_id', '=', orgId).limit(1).executeTakeFirst();
  if (user) return '该机构下还有用户';
  const role = await q.selectFrom('role_assignments').select('id').where('scope_org_id', '=', orgId).limit(1).executeTakeFirst();
  if (role) return '还有以该机构为范围的角色授权';
  return null;
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
