import type { Principal } from '../accounts/index.js';
import { handsOf, type Contribution } from './four-eyes.js';
import type { ItemRecord, ItemRow, RevisionRow } from './items.repo.js';
import type { AttachmentView, ItemView } from './items.schemas.js';
import { itemAbilities, type ItemFacts, type ItemState } from './workflow.js';

/** What an item view shows besides its own row and revision. */
export interface ItemRelations {
  attachments: AttachmentView[];
  /** Ids of the published items that interpret it. */
  interpretations: string[];
}

/**
 * The one presenter of an item (the API's Item, and the portal's item page as a projection of it): the row, one
 * of its revisions and the state to show.
 */
export function presentItem(item: ItemRow & { agency_code: string }, rev: RevisionRow, state: ItemState, related: ItemRelations): ItemView {
  return {
    id: item.id,
    org: item.agency_code,
    category: item.category_code,
    indexNumber: item.index_number,
    title: rev.title,
    summary: rev.summary,
    body: rev.body,
    docNumber: rev.doc_number,
    issuingOrgan: rev.issuing_organ,
    writtenAt: rev.written_at,
    formedAt: rev.formed_at,
    publishedAt: item.published_at,
    topic: rev.topic,
    genre: rev.genre,
    disclosure: rev.disclosure,
    exemptionCode: rev.exemption_code,
    validity: rev.validity,
    validityDate: rev.validity_date,
    replacedBy: rev.replaced_by_item_id,
    keywords: JSON.parse(rev.keywords) as string[],
    extra: JSON.parse(rev.extra) as ItemView['extra'],
    state,
    version: item.version,
    revision: rev.revision_no,
    changeNote: rev.change_note,
    rejectComment: rev.reject_comment,
    attachments: related.attachments,
    interpretations: related.interpretations,
    ...(item.interprets_item_id ? { interprets: item.interprets_item_id } : {}),
    timeliness: { due: item.timeliness_due, late: item.late === null ? null : item.late === 1 },
    policyKind: rev.policy_kind,
    scheduledAt: item.scheduled_at,
  };
}

/** The state an item shows: withdrawn, else its revision's (the working one for staff, the live one for the public). */
export function shownState(item: Pick<ItemRow, 'state'>, rev: Pick<RevisionRow, 'state'>): ItemState {
  return (item.state === 'withdrawn' ? 'withdrawn' : rev.state) as ItemState;
}

/** The facts the workflow decides on (workflow.ts), from an item, its current revision and who contributed to it. */
export function itemFacts(
  principal: Principal | null,
  item: Pick<ItemRecord, 'state' | 'unit_path'>,
  rev: Pick<RevisionRow, 'state' | 'revision_no' | 'author_id' | 'unit_reviewed_by'>,
  contributions: readonly Contribution[],
): ItemFacts {
  return {
    principal,
    unitPath: item.unit_path,
    state: shownState(item, rev),
    live: item.state === 'published',
    revision: rev.revision_no,
    hands: handsOf(rev, contributions),
  };
}

/**
 * The view of the people who handle the item's unit: its current revision, its unit and — for a signed-in member —
 * what they may do next, four eyes applied, by the rules the commands enforce. The command line sees it without flags.
 */
export function presentStaffItem(
  principal: Principal | null,
  item: ItemRecord,
  rev: RevisionRow,
  contributions: readonly Contribution[],
  related: ItemRelations,
): ItemView {
  const facts = itemFacts(principal, item, rev, contributions);
  return {
    ...presentItem(item, rev, facts.state, related),
    unit: { code: item.unit_code, name: item.unit_name },
    ...(principal ? itemAbilities(facts) : {}),
  };
}
