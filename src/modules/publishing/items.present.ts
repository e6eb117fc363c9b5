import type { ItemState } from './workflow.js';
import type { ItemRow, RevisionRow } from './items.repo.js';

/** The Item of docs/contract.md "HTTP API". */
export interface ItemOut {
  id: string;
  org: string;
  category: string;
  indexNumber: string | null;
  title: string;
  summary: string | null;
  body: string;
  docNumber: string | null;
  issuingOrgan: string | null;
  writtenAt: string | null;
  formedAt: string | null;
  publishedAt: string | null;
  topic: string | null;
  genre: string | null;
  disclosure: string;
  exemptionCode: string | null;
  validity: string;
  validityDate: string | null;
  replacedBy: string | null;
  keywords: string[];
  /** Values of the category's extra metadata fields. */
  extra: Record<string, string | number | null>;
  state: ItemState;
  version: number;
  revision: number;
  changeNote: string | null;
  rejectComment: string | null;
  attachments: { id: string; name: string; size: number; type: string }[];
  interpretations: string[];
  interprets?: string;
  /** Art. 26 timeliness: due date (20 working days after formedAt) and whether publication came later. */
  timeliness: { due: string | null; late: boolean | null };
  policyKind: string | null;
  scheduledAt: string | null;
  /** The unit whose editors and reviewers handle the item (staff view). */
  unit?: { code: string; name: string };
  /** What the signed-in staff member may do next (staff view), as the workbench rows say. */
  can?: ItemAbilities;
  /** Why four eyes takes away an action the member's roles allow (staff view): review, approve or publish. */
  denied?: Partial<Record<'review' | 'approve' | 'publish', string>>;
}

export interface ItemAbilities {
  edit: boolean;
  submit: boolean;
  review: boolean;
  approve: boolean;
  publish: boolean;
  withdraw: boolean;
}

export function presentItem(
  item: ItemRow & { agency_code: string },
  rev: RevisionRow,
  state: ItemState,
  interpretations: string[],
  attachments: ItemOut['attachments'] = [],
): ItemOut {
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
    extra: JSON.parse(rev.extra) as Record<string, string | number | null>,
    state,
    version: item.version,
    revision: rev.revision_no,
    changeNote: rev.change_note,
    rejectComment: rev.reject_comment,
    attachments,
    interpretations,
    ...(item.interprets_item_id ? { interprets: item.interprets_item_id } : {}),
    timeliness: { due: item.timeliness_due, late: item.late === null ? null : item.late === 1 },
    policyKind: rev.policy_kind,
    scheduledAt: item.scheduled_at,
  };
}
