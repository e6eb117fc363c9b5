/** Agencies and their units: the organisation tree every other module scopes by (docs/adr/0004, 0007). */
export { agencyOf, type AgencyOptions } from './agency.js';
export { creditCodeCheckChar, isValidCreditCode } from './codes.js';
export { agencyIndexNumber } from './index-number.js';
export { createOrg } from './orgs.commands.js';
export { countUnits, unitsOf, type UnitNode } from './units.js';
export { findOrgByCode, findOrgById, listAgencies, type OrgRow } from './orgs.repo.js';
export { CreateOrgBody, orgCodeField } from './orgs.schemas.js';
