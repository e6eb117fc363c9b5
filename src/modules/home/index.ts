/**
 * The home page (首页) of each agency site: the newest items, the catalog and the units. Nothing of it is for other
 * modules; its descriptor (module.ts) gives the page to the portal.
 */
export {};
