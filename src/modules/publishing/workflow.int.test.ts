import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Staff, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';

type Step = 'submit' | 'unit-review' | 'approve' | 'reject' | 'publish' | 'withdraw';
const ROLES = ['editor', 'reviewer', 'office', 'leader', 'expert', 'sysadmin', 'secadmin', 'auditor'] as const;

/**
 * Every workflow step tried by every role on an item of the unit jc-fgw drafted by its editor. Y = allowed.
 * (reviewer = unit-reviewer of jc-fgw; office and leader hold their roles over the whole agency.)
 */
const EXPECTED: Record<Step, string> = {
  //               editor reviewer office leader expert sysadmin secadmin auditor
  submit:        'Y      .        Y      .      .      .        .        .',
  'unit-review': '.      Y        .      .      .      .        .        .',
  approve:       '.      .        Y      Y      .      .        .        .',
  reject:        '.      Y        .      .      .      .        .        .',
  publish:       '.      .        Y      .      .      .        .        .',
  withdraw:      '.      .        Y      .      .      .        .        .',
};

/** The state a step starts from, and the request that performs it. */
const STEPS: Record<Step, { from: 'draft' | 'submitted' | 'unit-reviewed' | 'approved' | 'published'; path: string; body: object }> = {
  submit: { from: 'draft', path: 'submit', body: {} },
  'unit-review': { from: 'submitted', path: 'approve', body: {} },
  approve: { from: 'unit-reviewed', path: 'approve', body: {} },
  reject: { from: 'submitted', path: 'reject', body: { comment: '退回' } },
  publish: { from: 'approved', path: 'publish', body: {} },
  withdraw: { from: 'published', path: 'withdraw', body: { reason: '撤回' } },
};

describe.each(testDatabases())('every workflow step for every role on $name', (database) => {
  let t: TestApp;
  const staff = {} as Record<(typeof ROLES)[number], Staff>;
  beforeAll(async () => {
    t = await startTestApp(database, { demo: true });
    for (const r of ROLES) staff[r] = await signIn(t, r);
  });
  afterAll(() => t.close());

  /** A fresh item brought to `state` by the people whose job each step is. */
  async function itemIn(state: (typeof STEPS)[Step]['from']): Promise<string> {
    const id = (await staff.editor.request('POST', '/api/v1/items', { org: 'jc-fgw', category: '02.03', title: '权限矩阵测试', body: '<p>正文</p>' })).json().id as string;
    const order = ['draft', 'submitted', 'unit-reviewed', 'approved', 'published'];
    const moves: [Staff, string][] = [
      [staff.editor, 'submit'],
      [staff.reviewer, 'approve'],
      [staff.office, 'approve'],
      [staff.office, 'publish'],
    ];
    for (let i = 0; i < order.indexOf(state); i++) {
      const [who, path] = moves[i]!;
      expect((await who.request('POST', `/api/v1/items/${id}/${path}`, {})).statusCode).toBe(200);
    }
    return id;
  }

  for (const step of Object.keys(EXPECTED) as Step[]) {
    const cells = EXPECTED[step].trim().split(/\s+/);
    ROLES.forEach((role, i) => {
      const allowed = cells[i] === 'Y';
      it(`${role} ${allowed ? 'may' : 'may not'} ${step}`, async () => {
        const id = await itemIn(STEPS[step].from);
        const res = await staff[role].request('POST', `/api/v1/items/${id}/${STEPS[step].path}`, STEPS[step].body);
        expect(res.statusCode, res.body).toBe(allowed ? 200 : 403);
      });
    });
  }
});
