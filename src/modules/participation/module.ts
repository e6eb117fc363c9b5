import type { GongkaiModule } from '../../http/module.js';
import { PARTICIPATION_FORMS, PARTICIPATION_PAGES } from './participation.pages.js';
import { registerParticipationRoutes } from './participation.routes.js';

/** What the participation module registers with the application (its public API is index.ts). */
export const participationModule: GongkaiModule = {
  name: 'participation',
  routes: registerParticipationRoutes,
  site: { pages: PARTICIPATION_PAGES, forms: PARTICIPATION_FORMS },
};
