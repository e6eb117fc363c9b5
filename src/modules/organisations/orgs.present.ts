import type { OrgOut } from './orgs.schemas.js';
import type { OrgRow } from './orgs.repo.js';

export function presentOrg(o: OrgRow): OrgOut {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    kind: o.kind,
    parentId: o.parent_id,
    agencyId: o.agency_id,
    description: o.description,
    orgCode: o.org_code,
    creditCode: o.credit_code,
    siteCode: o.site_code,
    sponsor: o.sponsor,
    address: o.address,
    postcode: o.postcode,
    officeHours: o.office_hours,
    phone: o.phone,
    fax: o.fax,
    email: o.email,
    icp: o.icp,
    disclosureOfficer: o.disclosure_officer,
    host: o.host,
    sortOrder: o.sort_order,
    timezone: o.timezone,
    indexTemplate: o.index_template,
    version: o.version,
    updatedAt: o.updated_at,
  };
}

/** Maps API profile fields to columns; only the keys present are included (a PATCH changes only those). */
export function profileColumns(input: Record<string, unknown>): Partial<OrgRow> {
  const map: Record<string, keyof OrgRow> = {
    name: 'name',
    description: 'description',
    orgCode: 'org_code',
    creditCode: 'credit_code',
    siteCode: 'site_code',
    sponsor: 'sponsor',
    address: 'address',
    postcode: 'postcode',
    officeHours: 'office_hours',
    phone: 'phone',
    fax: 'fax',
    email: 'email',
    icp: 'icp',
    disclosureOfficer: 'disclosure_officer',
    host: 'host',
    sortOrder: 'sort_order',
    timezone: 'timezone',
    indexTemplate: 'index_template',
  };
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(map)) {
    if (input[key] === undefined) continue;
    out[column] = column === 'host' && typeof input[key] === 'string' ? (input[key]).toLowerCase() : input[key];
  }
  if (out.timezone === null) out.timezone = 'Asia/Shanghai';
  return out;
}
