import type { GongkaiModule } from '../../http/module.js';
import { unitsOf } from '../organisations/index.js';
import { CATALOG_TAG, ITEMS_TAG, newestItems } from '../publishing/index.js';
import { renderHomePage } from './home.page.js';

/** How many of the newest published items the home page lists. */
const HOME_ITEMS = 8;

export const homeModule: GongkaiModule = {
  name: 'home',
  site: {
    pages: [
      {
        id: 'home',
        path: '/',
        render: async (ctx, view, agency) => ({
          content: renderHomePage(view, agency, await unitsOf(ctx, agency), await newestItems(ctx.db.kysely, agency.id, null, HOME_ITEMS)),
          tags: [ITEMS_TAG, CATALOG_TAG],
        }),
      },
    ],
  },
};
