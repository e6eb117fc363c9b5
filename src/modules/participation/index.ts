/** Public participation: 在线问答 (FAQ) and 意见征集 (solicitations of comments on draft policies). */
export { bigrams, similarity } from './bigrams.js';
export { createFaq } from './faq.commands.js';
export { keep, pagination, paragraphs, queryPage, queryText, withQuery } from './pages/common.js';
export { bestSimilar, MAX_CANDIDATES, similarFaq, type SimilarFaq } from './similar.js';
export { createSolicitation } from './solicitations.commands.js';
export { eraseCommentContacts } from './solicitations.repo.js';
