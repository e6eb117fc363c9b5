import type { AppContext } from '../../shared/context.js';
import { agencyOf } from '../organisations/index.js';
import { bestSimilar, bigrams, MAX_CANDIDATES, similarFaq, similarity } from '../participation/index.js';
import type { SimilarQuestions } from './messages.schemas.js';

/**
 * Questions like the one a citizen is writing (docs/product.md M5: before submitting, similar answered questions are
 * suggested): the agency's published FAQ entries (participation) and its published answers, by character-bigram
 * overlap. Only the public copy of an answered message is read (public_title, public_content, public_reply),
 * never what the citizen wrote or the reply before masking.
 */

/** Bigrams of the text used to preselect answered messages in SQL; the score is computed on every bigram. */
const PRESELECT_BIGRAMS = 24;
/** Only the start of a long text counts for the suggestions: what the question is about is said first. */
const SIMILAR_TEXT_CHARS = 1000;

const HAN_PAIR = /^\p{Script=Han}{2}$/u;

type SimilarAnswer = SimilarQuestions['answered'][number];
async function similarAnswers(ctx: AppContext, agencyId: string, wanted: ReadonlySet<string>): Promise<SimilarAnswer[]> {
  // Han pairs are the same in the stored text as after normalisation, so LIKE can preselect with them.
  const keys = [...wanted].filter((g) => HAN_PAIR.test(g)).slice(0, PRESELECT_BIGRAMS);
  let q = ctx.db.kysely
    .selectFrom('messages')
    .select(['id', 'public_title', 'public_content', 'public_reply', 'replied_at'])
    .where('agency_id', '=', agencyId)
    .where('published_at', 'is not', null)
    .where('public_reply', 'is not', null);
  if (keys.length) {
    q = q.where((eb) => eb.or(keys.flatMap((k) => [eb('public_title', 'like', `%${k}%`), eb('public_content', 'like', `%${k}%`)])));
  }
  const rows = await q.orderBy('published_at', 'desc').limit(MAX_CANDIDATES).execute();
  return bestSimilar(
    rows.map((r) => {
      const title = r.public_title ?? '';
      const score = Math.max(similarity(wanted, bigrams(title)), similarity(wanted, bigrams(`${title} ${r.public_content ?? ''}`)));
      return { id: r.id, title, reply: r.public_reply ?? '', repliedAt: r.replied_at, score };
    }),
  );
}

export async function similarQuestions(ctx: AppContext, agencyId: string, text: string): Promise<SimilarQuestions> {
  const wanted = bigrams(text);
  if (!wanted.size) return { faq: [], answered: [] };
  return { faq: await similarFaq(ctx, agencyId, wanted), answered: await similarAnswers(ctx, agencyId, wanted) };
}

/** Questions like the one being written, in the agency named by `org` (a unit's code names its agency). */
export async function similarQuestionsOf(ctx: AppContext, org: string, text: string): Promise<SimilarQuestions> {
  const agency = await agencyOf(ctx.db.kysely, org);
  return similarQuestions(ctx, agency.id, text.slice(0, SIMILAR_TEXT_CHARS));
}
