/** Public participation: 在线问答 (FAQ) and 意见征集 (solicitations of comments on draft policies). */
import type { GongkaiModule } from '../../http/module.js';
import { PARTICIPATION_FORMS, PARTICIPATION_PAGES } from './participation.pages.js';
import { registerParticipationRoutes } from './participation.routes.js';

export { createFaq } from './faq.commands.js';
export { keep, pagination, paragraphs, queryPage, queryText, withQuery } from './pages/common.js';
export { similarQuestions, type SimilarQuestions } from './similar.js';
export { createSolicitation } from './solicitations.commands.js';

export const participationModule: GongkaiModule = {
  name: 'participation',
  routes: registerParticipationRoutes,
  site: { pages: PARTICIPATION_PAGES, forms: PARTICIPATION_FORMS },
};
