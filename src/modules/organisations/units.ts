import type { AppContext } from '../../shared/context.js';
import { listAgencyTree, type OrgRow } from './orgs.repo.js';

/** A unit and the units under it, in display order. */
export interface UnitNode {
  org: OrgRow;
  children: UnitNode[];
}

/** The units of an agency as a tree, from the flat list `listAgencyTree` returns (already in display order). */
export function buildUnitTree(rows: OrgRow[], agencyId: string): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const r of rows) if (r.id !== agencyId) nodes.set(r.id, { org: r, children: [] });
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parent_id ? nodes.get(node.org.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export function countUnits(units: UnitNode[]): number {
  return units.reduce((n, u) => n + 1 + countUnits(u.children), 0);
}

/** The agency's units as a tree, as the about, structure and home pages show them. */
export async function unitsOf(ctx: AppContext, agency: OrgRow): Promise<UnitNode[]> {
  return buildUnitTree(await listAgencyTree(ctx.db.kysely, agency.id), agency.id);
}
