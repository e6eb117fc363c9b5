import type { AppContext } from '../../shared/context.js';
import { authorize, type Caller } from '../accounts/index.js';
import { todayIn } from '../calendar/index.js';
import { agencyOf } from '../organisations/index.js';
import type { HotTopics } from './messages.schemas.js';
import { queryTokens } from '../search/index.js';

/**
 * Words that say nothing about what citizens are concerned with: function words, courtesy, and the vocabulary
 * of asking itself (咨询, 请问, 问题 …). Kept here as data; the office sees the rest.
 */
const STOP_WORDS = new Set(
  `的 了 是 在 我 你 他 她 它 我们 你们 他们 这 那 这个 那个 这些 那些 和 与 及 或 或者 而 但 但是 就 都 也 还 又 再 很 非常 已经 没有 没 不 不是 有 有没有 能 能否 能不能 可以 可否 是否 要 需要 应该 会 请 请问 您好 你好 谢谢 感谢 麻烦 希望 问题 咨询 建议 投诉 反映 关于 对于 什么 怎么 怎么办 怎样 如何 为什么 哪里 哪些 多少 几 吗 呢 吧 啊 呀 一下 一个 目前 现在 今年 去年 时候 情况 相关 有关 进行 以及 由于 因为 所以 如果 然后 之后 之前 其中 自己 本人 市民 部门 办理 处理 解决 政府 领导 同志 一直 已 被 把 给 对 从 向 到 让 等 等等 上 下 中 里 时 后 前 个 年 月 日 号`.split(/\s+/),
);

const MIN_MESSAGES = 2;

/** A term: the messages of the period that use it, the same count in the period before (what is rising), examples. */
type HotTopic = HotTopics['topics'][number];

/** The distinct meaningful terms of one message (title counted with the text). */
export function termsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of queryTokens(text)) {
    if (t.length < 2 || STOP_WORDS.has(t) || /^\d+$/.test(t)) continue;
    out.add(t);
  }
  return out;
}

/**
 * Recurring themes in the agency's messages of the last `days` days (docs/product.md M5, 回应关切): each term counted once
 * per message it appears in, at least in two messages, most frequent first, with the count of the period before.
 */
export async function hotTopics(ctx: AppContext, agency: { id: string; timezone: string }, days = 30, limit = 20): Promise<HotTopics> {
  const now = ctx.clock();
  const from = new Date(now.getTime() - days * 86_400_000);
  const previousFrom = new Date(from.getTime() - days * 86_400_000);
  const rows = await ctx.db.kysely
    .selectFrom('messages')
    .select(['id', 'title', 'content', 'tracking_code', 'submitted_at'])
    .where('agency_id', '=', agency.id)
    .where('submitted_at', '>=', previousFrom.toISOString())
    .where('submitted_at', '<=', now.toISOString())
    .where('state', '!=', 'dismissed')
    .orderBy('submitted_at', 'desc')
    .limit(20_000)
    .execute();
  const current = new Map<string, { n: number; examples: HotTopic['examples'] }>();
  const previous = new Map<string, number>();
  const fromIso = from.toISOString();
  let inPeriod = 0;
  for (const r of rows) {
    const terms = termsOf(`${r.title} ${r.content}`);
    if (r.submitted_at >= fromIso) {
      inPeriod++;
      for (const t of terms) {
        const e = current.get(t) ?? { n: 0, examples: [] };
        e.n++;
        if (e.examples.length < 3) e.examples.push({ id: r.id, title: r.title, trackingCode: r.tracking_code });
        current.set(t, e);
      }
    } else {
      for (const t of terms) previous.set(t, (previous.get(t) ?? 0) + 1);
    }
  }
  const topics = [...current.entries()]
    .filter(([, e]) => e.n >= MIN_MESSAGES)
    .sort((a, b) => b[1].n - a[1].n || b[0].length - a[0].length || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([term, e]) => ({ term, messages: e.n, previous: previous.get(term) ?? 0, examples: e.examples }));
  return { from: todayIn(agency.timezone, from), to: todayIn(agency.timezone, now), messages: inPeriod, topics };
}

/** The hot topics of the agency named by `org`, for its office and those who read its statistics. */
export async function hotTopicsOf(caller: Caller, org: string, days: number): Promise<HotTopics> {
  const agency = await agencyOf(caller.ctx.db.kysely, org, { refuseUnits: '机关不存在' });
  await authorize(caller.ctx, caller.principal, caller.actor, ['message.route', 'stats.read'], agency.path);
  return hotTopics(caller.ctx, agency, days);
}
