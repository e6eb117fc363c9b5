import { can, scopeFor, type Action, type Principal, type Scope } from '../accounts/index.js';

/** Everyone who handles items somewhere: editors, reviewers, the office, leaders. */
export const HANDLING: readonly Action[] = ['item.edit', 'item.review-unit', 'item.approve', 'item.publish'];

/**
 * The union of the scopes in which the principal handles items: the one policy filter of every staff list of
 * items — the workbench and staff search see unpublished items of exactly these units.
 */
export function handlingScope(principal: Principal): Scope {
  const paths: string[] = [];
  for (const a of HANDLING) {
    const s = scopeFor(principal, a);
    if (s.all) return s;
    paths.push(...s.paths);
  }
  return { all: false, paths };
}

/** Does `principal` handle the items of the unit at `unitPath` (and so see their drafts and drafts' files)? */
export function handles(principal: Principal | null, unitPath: string): boolean {
  return principal !== null && HANDLING.some((a) => can(principal, a, unitPath));
}
