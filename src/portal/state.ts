import type { AppContext } from '../shared/context.js';
import type { Stylesheet } from './assets.js';
import type { PageCache } from './page-cache.js';
import type { SiteDirectory } from './site.js';

/** The portal's in-process state for one application instance. */
export interface PortalState {
  sites: SiteDirectory;
  cache: PageCache;
  css: Stylesheet;
}

const states = new WeakMap<AppContext, PortalState>();

export function setPortalState(ctx: AppContext, state: PortalState): void {
  states.set(ctx, state);
}

/** Undefined until registerPortal ran (an error page must still render then). */
export function portalState(ctx: AppContext): PortalState | undefined {
  return states.get(ctx);
}
