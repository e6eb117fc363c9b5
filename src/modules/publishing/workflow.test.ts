import { describe, expect, it } from 'vitest';
import { approvalTransition, canTransition, decisionOf, isEditable, REVISION_STATES, type RevisionState, type Transition } from './workflow.js';

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
  it('puts every review decision and publication under four eyes, rejections under the stage they reject', () => {
    expect(decisionOf('unit-review', 'submitted')).toBe('unit-review');
    expect(decisionOf('approve', 'unit-reviewed')).toBe('office-review');
    expect(decisionOf('reject', 'submitted')).toBe('unit-review');
    expect(decisionOf('reject', 'unit-reviewed')).toBe('office-review');
    expect(decisionOf('publish', 'approved')).toBe('publish');
    expect(decisionOf('schedule', 'approved')).toBe('publish');
    for (const t of ['submit', 'fire-schedule', 'supersede'] as const) expect(decisionOf(t, 'draft')).toBeNull();
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
