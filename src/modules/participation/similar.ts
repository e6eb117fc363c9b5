import type { AppContext } from '../../shared/context.js';
import { bigrams, similarity } from './bigrams.js';

/**
 * Questions like the one a citizen is writing (docs/product.md M5: before submitting, similar answered questions are
 * suggested): published FAQ entries and published answers of the agency, by character-bigram overlap. Only the
 * public copy of an answered message is read (public_title, public_content, public_reply), never what the
 * citizen wrote or the reply before masking.
 */

/** Below this a suggestion is more noise than help. */
export const SIMILARITY_THRESHOLD = 0.25;
/** Suggestions of each kind. */
export const SIMILAR_LIMIT = 5;
/** Bigrams of the text used to preselect answered messages in SQL; the score is computed on every bigram. */
const PRESELECT_BIGRAMS = 24;
/** Candidates read at most: the newest first. */
const MAX_CANDIDATES = 500;

export interface SimilarFaq {
  id: string;
  category: string;
  question: string;
  answer: string;
  score: number;
}

export interface SimilarAnswer {
  id: string;
  title: string;
  reply: string;
  repliedAt: string | null;
  score: number;
}

export interface SimilarQuestions {
  faq: SimilarFaq[];
  answered: SimilarAnswer[];
}

const HAN_PAIR = /^\p{Script=Han}{2}$/u;

function best<T extends { score: number }>(list: T[]): T[] {
  return list
    .filter((x) => x.score >= SIMILARITY_THRESHOLD)
    .sort((a, b) => b.score - a.score)
    .slice(0, SIMILAR_LIMIT)
    .map((x) => ({ ...x, score: Math.round(x.score * 1000) / 1000 }));
}

export async function similarQuestions(ctx: AppContext, agencyId: string, text: string): Promise<SimilarQuestions> {
  const wanted = bigrams(text);
  if (!wanted.size) return { faq: [], answered: [] };
  const kysely = ctx.db.kysely;

  const entries = await kysely
    .selectFrom('faq_entries')
    .select(['id', 'category', 'question', 'answer'])
    .where('agency_id', '=', agencyId)
    .where('state', '=', 'published')
    .orderBy('updated_at', 'desc')
    .limit(MAX_CANDIDATES)
    .execute();
  const faq = best(entries.map((e) => ({ ...e, score: similarity(wanted, bigrams(e.question)) })));

  // Han pairs are the same in the stored text as after normalisation, so LIKE can preselect with them.
  const keys = [...wanted].filter((g) => HAN_PAIR.test(g)).slice(0, PRESELECT_BIGRAMS);
  let q = kysely
    .selectFrom('messages')
    .select(['id', 'public_title', 'public_content', 'public_reply', 'replied_at'])
    .where('agency_id', '=', agencyId)
    .where('published_at', 'is not', null)
    .where('public_reply', 'is not', null);
  if (keys.length) {
    q = q.where((eb) => eb.or(keys.flatMap((k) => [eb('public_title', 'like', `%${k}%`), eb('public_content', 'like', `%${k}%`)])));
  }
  const rows = await q.orderBy('published_at', 'desc').limit(MAX_CANDIDATES).execute();
  const answered = best(
    rows.map((r) => {
      const title = r.public_title ?? '';
      const score = Math.max(similarity(wanted, bigrams(title)), similarity(wanted, bigrams(`${title} ${r.public_content ?? ''}`)));
      return { id: r.id, title, reply: r.public_reply ?? '', repliedAt: r.replied_at, score };
    }),
  );
  return { faq, answered };
}
