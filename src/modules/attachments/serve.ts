import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../shared/errors.js';
import { contentDisposition } from './names.js';
import type { AttachmentStore } from './storage.js';
import { KIND_INFO, kindOfMime } from './types.js';

/** A stored file to send: where it is, what it is, and whether any cache may keep it. */
export interface StoredFile {
  id: string;
  storageKey: string;
  name: string;
  type: string;
  sha256: string;
  public: boolean;
}

/** A `Range: bytes=…` header as the first and last byte to send, null when it cannot be satisfied. */
function byteRange(header: string, size: number): [number, number] | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || !(m[1] || m[2])) return null;
  const [start, end] = m[1] ? [Number(m[1]), m[2] ? Math.min(Number(m[2]), size - 1) : size - 1] : [Math.max(0, size - Number(m[2])), size - 1];
  return start > end || start >= size ? null : [start, end];
}

/**
 * Sends a stored file with its type, a download name, its hash as ETag (304 when it matches), byte ranges
 * (206, or 416) and HEAD; never sniffed by the browser, cached only when public.
 */
export async function sendStoredFile(store: AttachmentStore, req: FastifyRequest, reply: FastifyReply, file: StoredFile): Promise<FastifyReply> {
  const path = store.pathOf(file.storageKey);
  let size: number;
  try {
    size = (await fs.promises.stat(path)).size;
  } catch {
    req.log.error({ attachment: file.id, key: file.storageKey }, 'attachment file missing');
    throw notFound('附件文件缺失');
  }
  const kind = kindOfMime(file.type);
  const etag = `"${file.sha256}"`;
  reply.header('content-type', file.type);
  reply.header('content-disposition', contentDisposition(file.name, kind ? KIND_INFO[kind].inline : false));
  reply.header('x-content-type-options', 'nosniff');
  reply.header('etag', etag);
  reply.header('accept-ranges', 'bytes');
  reply.header('cache-control', file.public ? 'public, max-age=3600' : 'private, no-store');

  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}` || t.trim() === '*')) return reply.code(304).send();

  let [start, end] = [0, size - 1];
  const ifRange = req.headers['if-range'];
  if (req.headers.range && (!ifRange || ifRange === etag)) {
    const range = byteRange(req.headers.range, size);
    if (!range) return reply.code(416).header('content-range', `bytes */${size}`).send();
    [start, end] = range;
    reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`);
  }
  reply.header('content-length', String(size === 0 ? 0 : end - start + 1));
  if (req.method === 'HEAD' || size === 0) return reply.send();
  return reply.send(fs.createReadStream(path, { start, end }));
}
