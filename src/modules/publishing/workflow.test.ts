import { describe, expect, it } from 'vitest';
import { approvalTransition, canTransition, isEditable, REVISION_STATES, WORKFLOW, type RevisionState, type Transition } from './workflow.js';

/** Every transition from every state, written out: Y where allowed. */
const TABLE: Record<Transition, Partial<Record<RevisionState, true>>> = {
  submit: { draft: true, rejected: true },
  'unit-review': { submitted: true },
  approve: { 'unit-reviewed': true },
  reject: { submitted: true, 'unit-reviewed': true },
  publish: { approved: true },
  schedule: { approved: true },
  'fire-schedule': { scheduled: true },
  supersede: { published: true },
};

describe('publishing workflow', () => {
  for (const t of Object.keys(TABLE) as Transition[]) {
    for (const s of REVISION_STATES) {
      const allowed = TABLE[t][s] === true;
      it(`${t} from ${s}: ${allowed ? 'allowed' : 'refused'}`, () => expect(canTransition(s, t)).toBe(allowed));
    }
  }
  it('keeps four eyes on every review decision', () => {
    expect(WORKFLOW['unit-review'].notByAuthor).toBe(true);
    expect(WORKFLOW.approve.notByAuthor).toBe(true);
    expect(WORKFLOW.reject.notByAuthor).toBe(true);
  });
  it('maps the single approve call onto the review stage', () => {
    expect(approvalTransition('submitted')).toBe('unit-review');
    expect(approvalTransition('unit-reviewed')).toBe('approve');
    expect(approvalTransition('draft')).toBeNull();
    expect(approvalTransition('published')).toBeNull();
  });
  it('allows editing only drafts and rejected revisions', () => {
    expect(REVISION_STATES.filter(isEditable)).toEqual(['draft', 'rejected']);
  });
});
