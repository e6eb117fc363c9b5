import type { Principal } from '../accounts/index.js';
import { handsOf, type Contribution } from './four-eyes.js';
import type { ItemRecord, ItemRow, RevisionRow } from './items.repo.js';
import type { ExtraField } from './catalog.js';
import type { SummaryRow } from './items.queries.js';
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

/** One row of a public list: what a category page, the home page and the feeds show of an item. */
export interface ItemSummary {
  id: string;
  title: string;
  summary: string | null;
  docNumber: string | null;
  indexNumber: string | null;
  categoryCode: string;
  writtenAt: string | null;
  publishedAt: string;
  /** When the live revision was published (a correction moves it); equals publishedAt for a first version. */
  updatedAt: string;
  issuingOrgan: string | null;
}

export function presentSummary(r: SummaryRow): ItemSummary {
  const publishedAt = r.published_at ?? r.rev_published_at ?? '';
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    docNumber: r.doc_number,
    indexNumber: r.index_number,
    categoryCode: r.category_code,
    writtenAt: r.written_at,
    publishedAt,
    updatedAt: r.rev_published_at ?? publishedAt,
    issuingOrgan: r.issuing_organ,
  };
}

/** An item linked from another's page, by its title. */
export interface ItemLink {
  id: string;
  title: string;
}

/** A published revision in the item's history (material changes, 首次发布 first). */
export interface RevisionEntry {
  revision: number;
  publishedAt: string | null;
  changeNote: string | null;
}

/**
 * The public item page's item: the Item the API answers (the same presenter), with what the page shows in its
 * place — the unit's name, the history, linked items by title, the extra values by their labels.
 */
export type PublishedItemPage = Omit<ItemView, 'publishedAt' | 'interpretations' | 'interprets' | 'replacedBy' | 'extra'> & {
  kind: 'published';
  publishedAt: string;
  updatedAt: string;
  unitName: string;
  revisions: RevisionEntry[];
  /** Published 政策解读 of this item. */
  interpretations: ItemLink[];
  /** The item this one interprets, when it is published. */
  interprets: ItemLink | null;
  /** The item that replaces this one (有效性), when it is published. */
  replacedBy: ItemLink | null;
  /** The category's extra metadata fields with this item's values, in the category's order. */
  extra: { label: string; value: string }[];
};

/** A withdrawn item as the public sees it: what it was, when and why it was withdrawn; never its text. */
export interface WithdrawnItemPage {
  kind: 'withdrawn';
  id: string;
  title: string;
  indexNumber: string | null;
  withdrawnAt: string;
  reason: string;
  category: string;
}

/** An item as the public sees it: published, withdrawn, or not at all. */
export type PublicItem = PublishedItemPage | WithdrawnItemPage | { kind: 'none' };

export interface PublicItemParts {
  attachments: AttachmentView[];
  revisions: RevisionEntry[];
  interpretations: ItemLink[];
  /** Titles of the published items it links to (what it interprets, what replaces it). */
  titles: ReadonlyMap<string, string>;
  /** The extra fields of its category in the published catalog. */
  extraFields: readonly ExtraField[];
}

/** The public item page's item: a projection of `presentItem`. */
export function presentPublicItem(item: ItemRecord, rev: RevisionRow, parts: PublicItemParts): PublishedItemPage {
  const view = presentItem(item, rev, 'published', { attachments: parts.attachments, interpretations: parts.interpretations.map((i) => i.id) });
  const link = (id: string | null | undefined) => (id && parts.titles.has(id) ? { id, title: parts.titles.get(id)! } : null);
  const publishedAt = item.published_at ?? rev.published_at ?? '';
  return {
    ...view,
    kind: 'published',
    publishedAt,
    updatedAt: rev.published_at ?? publishedAt,
    unitName: item.unit_name,
    revisions: parts.revisions,
    interpretations: parts.interpretations,
    interprets: link(view.interprets),
    replacedBy: link(view.replacedBy),
    extra: parts.extraFields.flatMap((f) => {
      const v = view.extra[f.key];
      return v === undefined || v === null || v === '' ? [] : [{ label: f.label, value: String(v) }];
    }),
  };
}

/** The public notice of a withdrawn item. */
export function presentWithdrawnItem(item: ItemRecord, rev: RevisionRow): WithdrawnItemPage {
  return {
    kind: 'withdrawn',
    id: item.id,
    title: rev.title,
    indexNumber: item.index_number,
    withdrawnAt: item.withdrawn_at ?? '',
    reason: item.withdrawn_reason ?? '',
    category: item.category_code,
  };
}
