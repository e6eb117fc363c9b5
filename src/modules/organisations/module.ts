import type { GongkaiModule } from '../../http/module.js';
import { ORGANISATION_PAGES } from './orgs.pages.js';
import { registerOrgRoutes } from './orgs.routes.js';

/** What the organisations module registers with the application (its public API is index.ts). */
export const organisationsModule: GongkaiModule = {
  name: 'organisations',
  routes: registerOrgRoutes,
  site: { pages: ORGANISATION_PAGES },
};
