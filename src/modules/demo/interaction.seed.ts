import crypto from 'node:crypto';
import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../audit/index.js';
import { assignMessage, replyToMessage } from '../messages/index.js';
import { publishAnswer } from '../messages/index.js';
import { submitMessage } from '../messages/index.js';
import { createFaq } from '../participation/index.js';
import { createSolicitation } from '../participation/index.js';

/**
 * The demo agency's interaction, made through the real commands so every deadline, history event and audit
 * record is what the product would have produced: a few FAQ entries, reply templates, an open consultation,
 * and messages in each stage — one answered and published in the Q&A, one with a unit, one awaiting routing.
 */
const FAQ: { category: string; question: string; answer: string }[] = [
  { category: '政府信息公开', question: '如何申请政府信息公开？', answer: '可通过本网站“依申请公开”栏目在线提交，也可以信函或当面提交书面申请。申请时请写明申请人信息、所需信息的名称或文号等特征描述以及获取方式。' },
  { category: '政府信息公开', question: '申请政府信息公开收费吗？', answer: '行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以依照规定收取信息处理费。' },
  { category: '留言办理', question: '留言后多久能得到答复？', answer: '咨询类留言一般在 5 个工作日内答复，建议和问题类 10 个工作日，投诉类 15 个工作日，纠错类 3 个工作日。期限自提交次日起按工作日计算，不含法定节假日。' },
  { category: '留言办理', question: '忘记了留言查询码怎么办？', answer: '查询码用于保护您的留言内容，平台无法找回。如您留下了电子邮箱，答复时会收到邮件通知；也可拨打政务公开科电话查询。' },
];

const TEMPLATES = [
  { title: '已转有关部门办理', body: '您好！您反映的问题已转交有关部门办理，办理结果将及时答复您。感谢您对我们工作的关心和支持。', type: null },
  { title: '政策咨询答复', body: '您好！关于您咨询的问题，答复如下：\n\n（请填写答复内容）\n\n如有疑问，请在工作日拨打咨询电话。感谢您的来信。', type: 'consultation' },
];

export async function seedDemoInteraction(ctx: AppContext, actor: Actor): Promise<void> {
  const agency = await ctx.db.kysely.selectFrom('organisations').select(['id', 'path']).where('code', '=', 'jiangchuan').executeTakeFirstOrThrow();
  const units = new Map((await ctx.db.kysely.selectFrom('organisations').select(['id', 'code']).execute()).map((r) => [r.code, r.id]));
  const office = { ctx, principal: null, actor };
  for (const f of FAQ) await createFaq(office, { org: 'jiangchuan', ...f });
  const now = ctx.clock().toISOString();
  for (const t of TEMPLATES) {
    await ctx.db.kysely.insertInto('reply_templates').values({ id: crypto.randomUUID(), agency_id: agency.id, ...t, updated_by: '王敏', updated_at: now }).execute();
  }
  const day = 86_400_000;
  await createSolicitation(office, {
    org: 'jiangchuan',
    title: '《江川市优化营商环境若干措施（征求意见稿）》公开征求意见',
    summary: '为进一步优化营商环境，市发展改革委起草了若干措施，现公开征求社会各界意见。',
    body: '<p>一、推行企业开办“一网通办”，全流程压缩至 1 个工作日内。</p><p>二、工程建设项目审批实行并联审批，审批时限压缩至 60 个工作日以内。</p><p>三、建立涉企政策“免申即享”机制，符合条件的企业无需申请即可享受。</p>',
    opensAt: new Date(ctx.clock().getTime() - 2 * day).toISOString(),
    closesAt: new Date(ctx.clock().getTime() + 28 * day).toISOString(),
  });

  // A documentation address (TEST-NET-1): the demo's messages use up nobody's submission allowance.
  const citizen: Actor = { id: null, name: 'anonymous', roles: [], ip: '192.0.2.1', requestId: null };
  const asked = async (type: 'consultation' | 'suggestion' | 'problem', title: string, content: string, name: string, contact: string) =>
    (await submitMessage({ ctx, principal: null, actor: citizen }, { org: 'jiangchuan', type, title, content, name, contact, public: true })).id;
  const answered = await asked('consultation', '新生儿医保参保怎么办理？', '孩子刚出生，请问新生儿参加城乡居民医保需要带哪些材料，到哪里办理？', '刘女士', 'liu@example.cn');
  await assignMessage(office, answered, units.get('jc-office-gk')!);
  await replyToMessage(office, answered, { reply: '您好！新生儿可在出生后 90 天内凭出生医学证明、户口簿到户籍所在地社区服务中心办理城乡居民医保参保登记，也可通过“江川医保”小程序线上办理。' });
  await publishAnswer(office, answered, { publish: true });
  const assigned = await asked('suggestion', '建议延长市民中心周末办事时间', '很多上班族只能周末办事，建议市民中心周六全天开放。', '陈先生', '13900001111');
  await assignMessage(office, assigned, units.get('jc-fgw')!);
  await asked('problem', '小区门口路灯损坏多日', '幸福路 88 号小区门口三盏路灯损坏已一周，夜间出行不便，请尽快维修。', '赵先生', '13900002222');
}
