import type { Org } from '../types.js';

export interface OrgNode {
  key: string;
  title: string;
  org: Org;
  children: OrgNode[];
}

/**
 * Turns the flat list of GET /api/v1/orgs?agency=CODE (agency and units, each with parentId) into a tree,
 * siblings in their sort order. A unit whose parent is missing from the list becomes a root rather than vanishing.
 */
export function buildOrgTree(orgs: readonly Org[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  for (const org of orgs) nodes.set(org.id, { key: org.code, title: org.name, org, children: [] });
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId ? nodes.get(node.org.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrgNode[]) => {
    list.sort((a, b) => a.org.sortOrder - b.org.sortOrder || a.org.code.localeCompare(b.org.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Finds a node by organisation code. */
export function findNode(roots: readonly OrgNode[], code: string): OrgNode | undefined {
  for (const n of roots) {
    if (n.key === code) return n;
    const found = findNode(n.children, code);
    if (found) return found;
  }
  return undefined;
}

export interface OrgOption {
  value: string;
  title: string;
  children: OrgOption[];
}

/** The tree as options of a TreeSelect: the value is the organisation code, which the API takes. */
export function orgOptions(roots: readonly OrgNode[]): OrgOption[] {
  return roots.map((n) => ({ value: n.org.code, title: n.org.name, children: orgOptions(n.children) }));
}
