import crypto from 'node:crypto';

/** A rendered page, ready to send. */
export interface CachedPage {
  body: Buffer;
  etag: string;
  lang: string;
  /** The HTTP status (200 unless said otherwise, e.g. 410 for a withdrawal notice). */
  status?: number;
  /** The Content-Type (an HTML page unless said otherwise, e.g. a feed). */
  type?: string;
}

interface Entry extends CachedPage {
  /** The agency whose data the page shows; null for pages about all agencies (the site directory). */
  agencyId: string | null;
  /** What else the page shows, e.g. `items`, `catalog`, `item:{id}`, `cat:{code}`: see `invalidateTags`. */
  tags: ReadonlySet<string>;
  expiresAt: number;
}

export function makeEtag(body: Buffer): string {
  return `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/** True when an If-None-Match header names this ETag (weak or strong, in a list, or `*`). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Rendered anonymous pages, bounded (least recently used goes first). A page is dropped exactly when
 * what it shows changes: `invalidateAgency` on that agency's `org.changed` event. A page that was being
 * rendered while a change happened is not stored (`generation`), so a slow render never resurrects old
 * data. The TTL is only a backstop for changes made where no event reaches this process.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private gen = 0;

  constructor(
    private readonly maxEntries = 2000,
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Take this before loading the data of a page; pass it to `set`. */
  generation(): number {
    return this.gen;
  }

  get(key: string): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, agencyId: string | null, page: CachedPage, generation: number, tags: readonly string[] = []): void {
    if (generation !== this.gen) return;
    this.entries.delete(key);
    this.entries.set(key, { ...page, agencyId, tags: new Set(tags), expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  /** Drops the pages of one agency and the pages that list all agencies. */
  invalidateAgency(agencyId: string): void {
    this.gen++;
    for (const [key, entry] of this.entries) {
      if (entry.agencyId === agencyId || entry.agencyId === null) this.entries.delete(key);
    }
  }

  /**
   * Drops the pages of one agency that carry any of `tags` (and the pages that list all agencies): what an
   * `item.changed` or `catalog.changed` event affects, leaving the agency's other pages cached.
   */
  invalidateTags(agencyId: string, tags: readonly string[]): void {
    this.gen++;
    for (const [key, entry] of this.entries) {
      if (entry.agencyId === null || (entry.agencyId === agencyId && tags.some((t) => entry.tags.has(t)))) this.entries.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

export function pageFor(body: string, lang: string, options: { status?: number; type?: string } = {}): CachedPage {
  const buf = Buffer.from(body, 'utf8');
  return { body: buf, etag: makeEtag(buf), lang, ...options };
}
