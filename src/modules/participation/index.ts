/** Public participation: 在线问答 (FAQ) and 意见征集 (solicitations of comments on draft policies). */
export { createFaq } from './faq.commands.js';
export { keep, pagination, paragraphs, queryPage, queryText, withQuery } from './pages/common.js';
export { similarQuestions, type SimilarQuestions } from './similar.js';
export { createSolicitation } from './solicitations.commands.js';
