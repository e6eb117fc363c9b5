import { describe, expect, it } from 'vitest';
import type { Principal } from '../accounts/roles.js';
import { refusalError } from '../../shared/workflow.js';
import { checkApproval, type Finding } from '../risk/index.js';
import { fourEyesMessage, handsOf, type RevisionHands } from './four-eyes.js';
import { approvalAction, isEditable, ITEM_STATES, ITEM_WORKFLOW, itemAbilities, REVISION_STATES, type ItemAction, type ItemFacts, type ItemState } from './workflow.js';

/** Every action from every state, written out: Y where the state allows it (before the guards). */
const TABLE: Record<Exclude<ItemAction, 'withdraw'>, Partial<Record<ItemState, true>>> = {
  edit: { draft: true, rejected: true, published: true },
  attach: { draft: true, rejected: true },
  submit: { draft: true, rejected: true },
  'unit-review': { submitted: true },
  approve: { 'unit-reviewed': true },
  reject: { submitted: true, 'unit-reviewed': true },
  publish: { approved: true },
  schedule: { approved: true },
  'fire-schedule': { scheduled: true },
  mask: { submitted: true, 'unit-reviewed': true },
};

const unit = '/jiangchuan/jc-fgw/';
const person = (userId: string, ...roles: Principal['assignments'][number]['role'][]): Principal => ({
  userId,
  username: userId,
  assignments: roles.map((role) => ({ role, scopeOrgId: 'o', scopePath: '/jiangchuan/' })),
});
const NOBODY: RevisionHands = { contributions: [], firstStageBy: null };
const facts = (principal: Principal | null, state: ItemState, more: Partial<ItemFacts> = {}): ItemFacts => ({
  principal,
  unitPath: unit,
  state,
  live: false,
  revision: 1,
  hands: NOBODY,
  ...more,
});

describe('the publishing workflow’s rule table', () => {
  for (const action of Object.keys(TABLE) as (keyof typeof TABLE)[]) {
    for (const s of ITEM_STATES) {
      const allowed = TABLE[action][s] === true;
      it(`${action} from ${s}: ${allowed ? 'allowed' : 'refused'}`, () => expect(ITEM_WORKFLOW.allowedIn(s, action)).toBe(allowed));
    }
  }

  it('withdraws a live item whatever its working revision does, and nothing else', () => {
    for (const s of ITEM_STATES) {
      expect(ITEM_WORKFLOW.decide(s, 'withdraw', facts(null, s, { live: true })).ok, s).toBe(true);
      const refused = ITEM_WORKFLOW.decide(s, 'withdraw', facts(null, s, { live: false }));
      expect(refused.ok ? null : refused.refusals.map((r) => r.message)).toEqual(['只能撤回已发布的信息']);
    }
  });

  it('answers a refused state as the commands always did', () => {
    const message = (s: ItemState, a: ItemAction) => {
      const d = ITEM_WORKFLOW.decide(s, a, facts(null, s));
      return d.ok ? null : d.refusals[0]!;
    };
    expect(message('draft', 'approve')).toEqual({ status: 409, code: 'invalid_state', message: '当前状态（draft）不允许此操作' });
    expect(message('published', 'submit')?.message).toBe('该信息当前没有待处理的版本');
    expect(message('withdrawn', 'approve')?.message).toBe('该信息当前没有待处理的版本');
    expect(message('withdrawn', 'edit')?.message).toBe('已撤回的信息不能修改');
    expect(message('submitted', 'edit')?.message).toBe('审核中的信息不能修改，请先退回');
    expect(message('published', 'attach')?.message).toContain('已发布的信息须先起草新版本');
    expect(message('draft', 'mask')?.message).toContain('只有审核中的信息可以一键遮盖');
  });

  it('puts every review decision and publication under four eyes, rejections under the stage they reject', () => {
    const author = person('author', 'unit-reviewer', 'office');
    const hands = handsOf({ state: 'submitted', author_id: 'author', revision_no: 1, unit_reviewed_by: null }, []);
    const code = (s: ItemState, a: ItemAction) => {
      const d = ITEM_WORKFLOW.decide(s, a, facts(author, s, { hands }));
      return d.ok ? 'ok' : d.refusals.map((r) => r.code).join(',');
    };
    expect(code('submitted', 'unit-review')).toBe('four_eyes');
    expect(code('unit-reviewed', 'approve')).toBe('four_eyes');
    expect(code('submitted', 'reject')).toBe('four_eyes');
    expect(code('unit-reviewed', 'reject')).toBe('four_eyes');
    expect(code('approved', 'publish')).toBe('four_eyes');
    expect(code('approved', 'schedule')).toBe('four_eyes');
    expect(code('draft', 'submit')).toBe('ok');
    expect(code('submitted', 'mask')).toBe('ok');
    // The system publishing at the scheduled time is nobody's decision.
    expect(ITEM_WORKFLOW.decide('scheduled', 'fire-schedule', facts(null, 'scheduled', { hands })).ok).toBe(true);
  });

  it('checks the permission of the stage: 初审 for the unit’s reviewer, 复审 for the office', () => {
    const reviewer = person('r', 'unit-reviewer');
    expect(ITEM_WORKFLOW.decide('submitted', 'reject', facts(reviewer, 'submitted')).ok).toBe(true);
    const refused = ITEM_WORKFLOW.decide('unit-reviewed', 'reject', facts(reviewer, 'unit-reviewed'));
    expect(refused.ok ? null : refused.refusals).toEqual([{ status: 403, code: 'forbidden', message: '没有权限执行此操作', denied: { action: 'item.approve' } }]);
  });

  it('lists every refusal at once, the first one answered as before, four eyes with its reason', () => {
    const author = person('author', 'unit-reviewer');
    const hands = handsOf({ state: 'draft', author_id: 'author', revision_no: 1, unit_reviewed_by: null }, []);
    const d = ITEM_WORKFLOW.decide('draft', 'unit-review', facts(author, 'draft', { hands }));
    expect(d.ok ? [] : d.refusals.map((r) => r.code)).toEqual(['invalid_state', 'four_eyes']);
    const alone = ITEM_WORKFLOW.decide('submitted', 'unit-review', facts(author, 'submitted', { hands }));
    const err = refusalError(alone.ok ? [] : alone.refusals);
    expect([err.status, err.code, err.message]).toEqual([403, 'four_eyes', fourEyesMessage('changed-content', 'unit-review')]);
    expect(err.extra).toMatchObject({ reason: 'changed-content', reasons: [{ code: 'four_eyes' }] });
  });

  it('blocks an approval with a serious finding unless the reviewer gives a reason', () => {
    const office = person('o', 'office');
    const findings = [{ kind: 'id-card', level: '重大', field: 'body', excerpt: '', start: 0, end: 1 }] as Finding[];
    const blocked = ITEM_WORKFLOW.decide('unit-reviewed', 'approve', facts(office, 'unit-reviewed', { risk: checkApproval(findings, null) }));
    expect(blocked.ok ? null : blocked.refusals[0]).toMatchObject({ status: 409, code: 'risk_blocked', fields: { override: expect.any(String) } });
    expect(ITEM_WORKFLOW.decide('unit-reviewed', 'approve', facts(office, 'unit-reviewed', { risk: checkApproval(findings, '已核实') })).ok).toBe(true);
  });

  it('maps the single approve call onto the review stage', () => {
    expect(approvalAction('submitted')).toBe('unit-review');
    expect(approvalAction('unit-reviewed')).toBe('approve');
  });

  it('allows editing only drafts and rejected revisions', () => {
    expect(REVISION_STATES.filter(isEditable)).toEqual(['draft', 'rejected']);
  });
});

describe('the can flags come from the same rule table', () => {
  const abilities = (who: Principal, path: string, hands: RevisionHands, state: ItemState = 'submitted') =>
    itemAbilities({ principal: who, unitPath: path, state, live: false, revision: 1, hands });

  it('takes away what four eyes forbids and says why', () => {
    const both = person('both', 'unit-reviewer', 'office');
    const submitted = handsOf({ state: 'submitted', author_id: 'editor', revision_no: 1, unit_reviewed_by: null }, []);
    expect(abilities(both, unit, submitted)).toEqual({
      can: { edit: true, submit: true, review: true, approve: true, publish: true, withdraw: true },
      denied: {},
    });
    const passed = handsOf({ state: 'unit-reviewed', author_id: 'editor', revision_no: 1, unit_reviewed_by: 'both' }, []);
    const after = abilities(both, unit, passed, 'unit-reviewed');
    expect(after.can).toMatchObject({ review: true, approve: false, publish: true });
    expect(after.denied).toEqual({ approve: fourEyesMessage('passed-first-stage', 'office-review') });
    const edited = handsOf({ state: 'submitted', author_id: 'editor', revision_no: 1, unit_reviewed_by: null }, [{ userId: 'both', kind: 'edit' }]);
    expect(abilities(both, unit, edited).can).toMatchObject({ review: false, approve: false, publish: false, edit: true, withdraw: true });
  });

  it('gives no reason where the role itself does not allow the action', () => {
    const editor = person('editor', 'editor');
    const own = handsOf({ state: 'submitted', author_id: 'editor', revision_no: 1, unit_reviewed_by: null }, []);
    expect(abilities(editor, unit, own)).toEqual({
      can: { edit: true, submit: true, review: false, approve: false, publish: false, withdraw: false },
      denied: {},
    });
    expect(abilities(person('x', 'office'), '/elsewhere/', own).can.approve).toBe(false);
  });
});
