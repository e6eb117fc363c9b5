import type { AppContext } from '../../shared/context.js';
import { bigrams, similarity } from './bigrams.js';

/**
 * Questions like the one a citizen is writing (docs/product.md M5: before submitting, similar answered questions are
 * suggested), by character-bigram overlap: the agency's published FAQ entries here; the messages module adds its
 * published answers (public copies only) with the same measure and ranking.
 */

/** Below this a suggestion is more noise than help. */
export const SIMILARITY_THRESHOLD = 0.25;
/** Suggestions of each kind. */
export const SIMILAR_LIMIT = 5;
/** Candidates read at most: the newest first. */
export const MAX_CANDIDATES = 500;

export interface SimilarFaq {
  id: string;
  category: string;
  question: string;
  answer: string;
  score: number;
}

/** The suggestions worth showing: above the threshold, the best few, scores rounded. */
export function bestSimilar<T extends { score: number }>(list: T[]): T[] {
  return list
    .filter((x) => x.score >= SIMILARITY_THRESHOLD)
    .sort((a, b) => b.score - a.score)
    .slice(0, SIMILAR_LIMIT)
    .map((x) => ({ ...x, score: Math.round(x.score * 1000) / 1000 }));
}

/** The published FAQ entries of the agency like `wanted` (the bigrams of the text being written). */
export async function similarFaq(ctx: AppContext, agencyId: string, wanted: ReadonlySet<string>): Promise<SimilarFaq[]> {
  if (!wanted.size) return [];
  const entries = await ctx.db.kysely
    .selectFrom('faq_entries')
    .select(['id', 'category', 'question', 'answer'])
    .where('agency_id', '=', agencyId)
    .where('state', '=', 'published')
    .orderBy('updated_at', 'desc')
    .limit(MAX_CANDIDATES)
    .execute();
  return bestSimilar(entries.map((e) => ({ ...e, score: similarity(wanted, bigrams(e.question)) })));
}
