import type { FastifyInstance } from 'fastify';
import { Parser } from 'htmlparser2';

/** A form found on a page: where it goes, how, and its fields with the values the page put in them. */
export interface FoundForm {
  action: string;
  method: 'get' | 'post';
  fields: Map<string, Set<string>>;
}

export interface Crawl {
  /** Every same-site address linked from the pages read. */
  links: Set<string>;
  forms: FoundForm[];
}

/** The links and forms of one HTML page. */
function readPage(html: string, into: Crawl): void {
  let form: FoundForm | null = null;
  const field = (name: string | undefined, value: string | undefined) => {
    if (!form || !name) return;
    if (!form.fields.has(name)) form.fields.set(name, new Set());
    if (value !== undefined) form.fields.get(name)!.add(value);
  };
  let select: string | undefined;
  const parser = new Parser(
    {
      onopentag(tag, a) {
        if (tag === 'a' && a.href?.startsWith('/')) into.links.add(a.href);
        if (tag === 'form') {
          form = { action: a.action ?? '', method: a.method?.toLowerCase() === 'post' ? 'post' : 'get', fields: new Map() };
          into.forms.push(form);
        }
        if (tag === 'input' || tag === 'textarea' || tag === 'button') field(a.name, a.value);
        if (tag === 'select') field((select = a.name), undefined);
        if (tag === 'option') field(select, a.value);
      },
      onclosetag(tag) {
        if (tag === 'form') form = null;
        if (tag === 'select') select = undefined;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
}

/** Reads the site breadth-first from `start`, up to `max` pages under `within`: what a visitor can reach. */
export async function crawl(app: FastifyInstance, start: string[], within: string, max: number): Promise<Crawl> {
  const out: Crawl = { links: new Set(start), forms: [] };
  const queue = [...start];
  const seen = new Set<string>();
  while (queue.length && seen.size < max) {
    const url = queue.shift()!;
    if (seen.has(url) || !url.startsWith(within)) continue;
    seen.add(url);
    const res = await app.inject({ method: 'GET', url });
    if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('html')) continue;
    const before = new Set(out.links);
    readPage(res.body, out);
    for (const link of out.links) if (!before.has(link)) queue.push(link.split('#')[0]!);
  }
  return out;
}

/** The values a route's parameters take in the links found, e.g. every `:id` of `/sites/:site/items/:id`. */
export function paramValues(path: string, links: Iterable<string>): Map<string, Set<string>> {
  const names = [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const pattern = new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '([^/?#]+)')}(?:[?#].*)?$`);
  const values = new Map(names.map((n) => [n, new Set<string>()]));
  for (const link of links) {
    const m = pattern.exec(link);
    if (!m) continue;
    names.forEach((n, i) => {
      try {
        values.get(n)!.add(decodeURIComponent(m[i + 1]!));
      } catch {
        // A link that is not valid percent-encoding: not a real value.
      }
    });
  }
  return values;
}
