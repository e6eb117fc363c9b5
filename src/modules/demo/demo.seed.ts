import type { AppContext } from '../../shared/context.js';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../shared/paths.js';
import { cliActor, type Actor } from '../audit/index.js';
import { importDocuments } from '../publishing/index.js';
import { parseMarkdownDocument } from '../publishing/index.js';
import { createUser, grantRole, operatorCaller } from '../accounts/index.js';
import type { Role } from '../accounts/index.js';
import { createOrg } from '../organisations/index.js';
import { seedDemoInteraction } from './interaction.seed.js';

/** The password of every demo account; printed at start while unchanged. Change it before real use. */
export const DEMO_PASSWORD = 'Gongkai@2026';

export const DEMO_AGENCY = {
  code: 'jiangchuan',
  name: '江川市人民政府',
  description:
    '江川市人民政府是江川市的行政机关，负责执行市人民代表大会及其常务委员会的决议，以及上级国家行政机关的决定和命令，规定行政措施，发布决定和命令；领导所属各工作部门和下级人民政府的工作。',
  // A fictional but checksum-valid 统一社会信用代码; characters 9–17 are its 组织机构代码.
  creditCode: '11330100MB0A0000XA',
  orgCode: 'MB0A0000X',
  siteCode: '3301000001',
  sponsor: '江川市人民政府办公室',
  address: '江川市人民大道 1 号',
  postcode: '310000',
  officeHours: '工作日 上午 8:30—12:00，下午 14:00—17:30（法定节假日除外）',
  phone: '0571-87000000',
  fax: '0571-87000001',
  email: 'gongkai@jiangchuan.example.gov.cn',
  icp: '浙ICP备00000000号',
  disclosureOfficer: '江川市人民政府办公室政务公开科（指定专人：王敏）',
} as const;

const UNITS: { code: string; name: string; parent?: string; description: string }[] = [
  { code: 'jc-office', name: '市政府办公室', description: '负责市政府日常运转，承担全市政务公开工作的组织协调。' },
  { code: 'jc-office-gk', name: '政务公开科', parent: 'jc-office', description: '承办政府信息公开、依申请公开、公开指南和年度报告编制。' },
  { code: 'jc-office-ms', name: '秘书科', parent: 'jc-office', description: '负责公文运转、会议组织和督查督办。' },
  { code: 'jc-fgw', name: '市发展和改革委员会', description: '拟订并组织实施国民经济和社会发展战略、中长期规划和年度计划。' },
  { code: 'jc-czj', name: '市财政局', description: '负责财政收支管理，编制年度预决算草案并组织执行。' },
  { code: 'jc-jyj', name: '市教育局', description: '统筹全市各级各类教育发展，组织实施教育改革。' },
  { code: 'jc-sjj', name: '市市场监督管理局', description: '负责市场综合监督管理，承担食品安全、特种设备安全监管。' },
];

export const DEMO_USERS: { username: string; displayName: string; org: string; role: Role; scope: string }[] = [
  { username: 'office', displayName: '王敏', org: 'jc-office-gk', role: 'office', scope: 'jiangchuan' },
  { username: 'editor', displayName: '李强', org: 'jc-fgw', role: 'editor', scope: 'jc-fgw' },
  { username: 'reviewer', displayName: '赵丽', org: 'jc-fgw', role: 'unit-reviewer', scope: 'jc-fgw' },
  { username: 'leader', displayName: '陈建国', org: 'jc-office', role: 'leader', scope: 'jiangchuan' },
  { username: 'expert', displayName: '孙教授', org: 'jc-office-gk', role: 'expert', scope: 'jiangchuan' },
  { username: 'sysadmin', displayName: '周系统', org: 'jc-office', role: 'sysadmin', scope: '*' },
  { username: 'secadmin', displayName: '吴安全', org: 'jc-office', role: 'secadmin', scope: '*' },
  { username: 'auditor', displayName: '郑审计', org: 'jc-office', role: 'auditor', scope: '*' },
];

export async function isEmptyDatabase(ctx: AppContext): Promise<boolean> {
  const any = await ctx.db.kysely.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  return !any;
}

/**
 * Loads the demo agency, its units, one staff member per role and a few dozen real published documents —
 * only into an empty database. Tests leave the documents out so that they count what they publish themselves.
 */
export async function seedDemo(ctx: AppContext, options: { documents?: boolean } = {}): Promise<boolean> {
  if (!(await isEmptyDatabase(ctx))) return false;
  const actor = { ...cliActor(), name: 'seed:demo' };
  const seeder = operatorCaller(ctx, actor);
  await createOrg(seeder, { ...nullProfile(), ...DEMO_AGENCY });
  for (const [i, u] of UNITS.entries()) {
    await createOrg(seeder, { ...nullProfile(), code: u.code, name: u.name, parentCode: u.parent ?? DEMO_AGENCY.code, description: u.description, sortOrder: i });
  }
  for (const u of DEMO_USERS) {
    const user = await createUser(seeder, { username: u.username, displayName: u.displayName, org: u.org, email: null, phone: null, password: DEMO_PASSWORD });
    await grantRole(seeder, user.id, u.role, u.scope);
  }
  if (options.documents ?? true) {
    await publishDemoDocuments(ctx, actor);
    await seedDemoInteraction(ctx, actor);
  }
  return true;
}

/** Real documents in reference/demo-documents/<category>/, published as the office's migrated archive. */
const DEMO_DOCUMENTS = path.join(PROJECT_ROOT, 'reference', 'demo-documents');

async function publishDemoDocuments(ctx: AppContext, actor: Actor): Promise<void> {
  for (const category of fs.readdirSync(DEMO_DOCUMENTS).filter((d) => /^\d{2}(\.\d{2})*$/.test(d)).sort()) {
    const dir = path.join(DEMO_DOCUMENTS, category);
    const documents = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => parseMarkdownDocument(fs.readFileSync(path.join(dir, f), 'utf8'), `demo-documents/${category}/${f}`))
      .flatMap((r) => (r.ok ? [r.document] : []));
    await importDocuments({ ctx, principal: null, actor }, documents, { orgCode: 'jc-office', category, publish: true });
  }
}

/** Demo accounts whose password is still the demo one (never changed since creation). */
export async function unchangedDemoAccounts(ctx: AppContext): Promise<typeof DEMO_USERS> {
  const rows = await ctx.db.kysely
    .selectFrom('users')
    .select(['username', 'created_at', 'password_changed_at'])
    .where('username', 'in', DEMO_USERS.map((u) => u.username))
    .execute();
  const unchanged = new Set(rows.filter((r) => r.created_at === r.password_changed_at).map((r) => r.username));
  return DEMO_USERS.filter((u) => unchanged.has(u.username));
}

function nullProfile() {
  return {
    description: null,
    orgCode: null,
    creditCode: null,
    siteCode: null,
    sponsor: null,
    address: null,
    postcode: null,
    officeHours: null,
    phone: null,
    fax: null,
    email: null,
    icp: null,
    disclosureOfficer: null,
    host: null,
    timezone: null,
    indexTemplate: null,
  };
}
