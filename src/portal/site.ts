import type { Agency } from './site-api.js';

/** One agency's website: its agency and the prefix every link inside it carries ('' or '/sites/{code}'). */
export interface Site {
  agency: Agency;
  base: string;
}

export type Resolution = { kind: 'site'; site: Site } | { kind: 'directory' } | { kind: 'none' };

export interface Agencies {
  list: Agency[];
  byCode: Map<string, Agency>;
  byHost: Map<string, Agency>;
}

export function indexAgencies(list: Agency[]): Agencies {
  const byCode = new Map(list.map((a) => [a.code, a]));
  const byHost = new Map<string, Agency>();
  for (const a of list) if (a.host) byHost.set(a.host.toLowerCase(), a);
  return { list, byCode, byHost };
}

export interface SiteRequest {
  /** The Host header as sent (may carry a port). */
  host: string | undefined;
  /** The `{code}` of a `/sites/{code}/…` path, if the path has one. */
  code: string | undefined;
  defaultSite: string | undefined;
}

/**
 * Which site a request is for: `/sites/{code}/` selects an agency by code; otherwise an agency whose
 * host is the request's host is served at `/`; otherwise the configured default site, else the only
 * agency, else the directory of all sites.
 */
export function pickSite(agencies: Agencies, req: SiteRequest): Resolution {
  if (req.code !== undefined) {
    const agency = agencies.byCode.get(req.code);
    return agency ? { kind: 'site', site: { agency, base: `/sites/${agency.code}` } } : { kind: 'none' };
  }
  const host = (req.host ?? '').trim().toLowerCase();
  const byHost = agencies.byHost.get(host) ?? agencies.byHost.get(host.replace(/:\d+$/, ''));
  if (byHost) return { kind: 'site', site: { agency: byHost, base: '' } };
  const byDefault = req.defaultSite ? agencies.byCode.get(req.defaultSite) : undefined;
  if (byDefault) return { kind: 'site', site: { agency: byDefault, base: '' } };
  if (agencies.list.length === 1) return { kind: 'site', site: { agency: agencies.list[0]!, base: '' } };
  return { kind: 'directory' };
}

/** The `{code}` of a `/sites/{code}/…` URL. */
export function siteCodeOf(url: string): string | undefined {
  const m = /^\/sites\/([^/?#]+)/.exec(url);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1];
  }
}

/**
 * The agencies in memory, so resolving a site costs no query. Reloaded lazily after `invalidate()`,
 * which the portal calls on every `org.changed` event (a name, code or host may have changed). A page
 * rendered from a load that raced with a change is never cached: the page cache checks its generation.
 */
export class SiteDirectory {
  private current: Promise<Agencies> | undefined;

  /** `load` lists every agency (the organisations module gives it to the portal). */
  constructor(private readonly load: () => Promise<Agency[]>) {}

  agencies(): Promise<Agencies> {
    if (!this.current) {
      const loading = this.load().then(indexAgencies);
      this.current = loading;
      loading.catch(() => {
        if (this.current === loading) this.current = undefined;
      });
    }
    return this.current;
  }

  invalidate(): void {
    this.current = undefined;
  }

  async resolve(req: SiteRequest): Promise<Resolution> {
    return pickSite(await this.agencies(), req);
  }
}
