import { describe, expect, it } from 'vitest';
import { CONTRIBUTION_KINDS, fourEyesMessage, fourEyesRefusal, handsOf, type Decision, type RevisionHands } from './four-eyes.js';
import { REVISION_STATES } from './workflow.js';

/**
 * One revision, everyone who had a hand in it: the editor who created it, a reviewer and an office member who
 * each edited it, someone who passed its 初审, someone who only masked personal data, and an outsider.
 */
const HANDS: RevisionHands = {
  contributions: [
    { userId: 'creator', kind: 'create' },
    { userId: 'reviewer-editor', kind: 'edit' },
    { userId: 'office-editor', kind: 'attachment' },
    { userId: 'office-editor', kind: 'docx' },
    { userId: 'masker', kind: 'mask' },
  ],
  firstStageBy: 'first-stage',
};
const PEOPLE = ['creator', 'reviewer-editor', 'office-editor', 'first-stage', 'masker', 'outsider'] as const;

/** Who may take each decision. Y = allowed; otherwise the refusal. */
const EXPECTED: Record<Decision, string> = {
  //                creator  reviewer-editor office-editor first-stage masker outsider
  'unit-review':   'changed  changed         changed       Y           Y      Y',
  'office-review': 'changed  changed         changed       passed      Y      Y',
  publish:         'changed  changed         changed       Y           Y      Y',
};
const REFUSAL = { changed: 'changed-content', passed: 'passed-first-stage', Y: null } as const;

describe('four eyes over a revision', () => {
  for (const decision of Object.keys(EXPECTED) as Decision[]) {
    const cells = EXPECTED[decision].trim().split(/\s+/) as (keyof typeof REFUSAL)[];
    PEOPLE.forEach((person, i) => {
      const expected = REFUSAL[cells[i]!];
      it(`${decision} by ${person}: ${expected ?? 'allowed'}`, () => expect(fourEyesRefusal(person, decision, HANDS)).toBe(expected));
    });
  }

  it('makes an author of every kind of change but a mask', () => {
    for (const kind of CONTRIBUTION_KINDS) {
      const hands: RevisionHands = { contributions: [{ userId: 'u', kind }], firstStageBy: null };
      for (const d of ['unit-review', 'office-review', 'publish'] as const) {
        expect(fourEyesRefusal('u', d, hands), `${kind} ${d}`).toBe(kind === 'mask' ? null : 'changed-content');
      }
    }
  });

  it('keeps one person holding both review roles from passing both stages', () => {
    const hands = handsOf({ state: 'unit-reviewed', author_id: 'editor', revision_no: 1, unit_reviewed_by: 'both' }, []);
    expect(fourEyesRefusal('both', 'unit-review', { ...hands, firstStageBy: null })).toBeNull();
    expect(fourEyesRefusal('both', 'office-review', hands)).toBe('passed-first-stage');
    expect(fourEyesRefusal('someone-else', 'office-review', hands)).toBeNull();
  });

  it('counts the revision author column and the 初审 reviewer of the current round only', () => {
    const author = handsOf({ state: 'submitted', author_id: 'a', revision_no: 2, unit_reviewed_by: null }, []);
    expect(author.contributions).toEqual([{ userId: 'a', kind: 'revise' }]);
    expect(fourEyesRefusal('a', 'unit-review', author)).toBe('changed-content');
    // A 初审 of an earlier round (rejected since, now resubmitted) is no longer the current one.
    for (const state of REVISION_STATES) {
      const hands = handsOf({ state, author_id: null, revision_no: 1, unit_reviewed_by: 'r' }, []);
      const past = ['unit-reviewed', 'approved', 'scheduled', 'published', 'superseded'].includes(state);
      expect(hands.firstStageBy, state).toBe(past ? 'r' : null);
    }
  });

  it('explains each refusal in Chinese', () => {
    expect(fourEyesMessage('changed-content', 'unit-review')).toContain('您修改过此稿件，不能审核自己修改的内容');
    expect(fourEyesMessage('changed-content', 'publish')).toContain('不能发布自己修改的内容');
    expect(fourEyesMessage('passed-first-stage', 'office-review')).toContain('初审与复审须由不同人员完成');
  });
});
