import { PassThrough, type Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.js';
import { assertValidText } from './text-input.js';

export type MultipartPart =
  | { type: 'file'; field: string; filename: string; stream: Readable & { truncated?: boolean } }
  | { type: 'field'; field: string; value: string };

export interface MultipartLimits {
  files: number;
  fileSize: number;
  fields: number;
  fieldSize: number;
  parts: number;
  headerPairs?: number;
}

export const malformedMultipart = () => new AppError(400, 'bad_multipart', '表单数据不完整或格式有误，请重新提交');

/** What was seen of each multipart body being read: whether it has ended, and whether its closing delimiter came. */
const bodies = new WeakMap<object, { ended: boolean; closed: boolean }>();

/**
 * A failure met while a multipart body was read, as the 400 it is when the body ended (or was cut off) without
 * its closing delimiter: whoever was reading a file part then gets the stream's premature close, not a parser
 * error. Anything else as it was.
 */
export function asClientError(err: unknown, req: FastifyRequest): unknown {
  const body = bodies.get(req.raw);
  return !(err instanceof AppError) && body?.ended && !body.closed ? malformedMultipart() : err;
}

/**
 * The parts of a multipart body, for every route that takes one. The plugin is lenient where we cannot be: a
 * missing boundary is a plain Error (a 500), and a body cut short ends the parts quietly, so a truncated field
 * would pass as a complete one. Here every parser failure is the client's 400, a body that ends before its
 * closing delimiter (or a request cut off by the request timeout) is refused, text fields pass the input rule,
 * and the plugin's limits become what `limitError` makes of them.
 */
export async function* multipartParts(
  req: FastifyRequest,
  limits: MultipartLimits,
  limitError: (code: string) => AppError | undefined,
): AsyncGenerator<MultipartPart> {
  const body = watchBody(req);
  try {
    for await (const p of req.parts({ limits })) {
      if (p.type === 'file') {
        yield { type: 'file', field: p.fieldname, filename: p.filename, stream: guarded(p.file) };
      } else {
        const value = typeof p.value === 'string' ? p.value : String(p.value);
        assertValidText({ [p.fieldname]: value });
        yield { type: 'field', field: p.fieldname, value };
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code ?? '';
    throw limitError(code) ?? malformedMultipart();
  }
  if (!body.closed) throw malformedMultipart();
}

/**
 * A file part's stream as its reader gets it: when the parser gives up on the body (truncated, cut off) it
 * destroys the part's stream without an error, and a reader piping from it may then wait forever; here such
 * an end is the reader's bad_multipart error. A reader that stops early stops the part too, as before.
 */
function guarded(file: Readable & { truncated?: boolean }): Readable & { truncated?: boolean } {
  const out = new PassThrough();
  // A part nobody reads (skipped, or after the reader failed) must not turn the error into an uncaught one.
  out.on('error', () => undefined);
  const cut = () => {
    if (!file.readableEnded) out.destroy(malformedMultipart());
  };
  if (file.destroyed) cut();
  else {
    file.once('close', cut);
    out.once('close', () => {
      if (!out.readableEnded) file.destroy();
    });
    file.pipe(out);
  }
  Object.defineProperty(out, 'truncated', { get: () => file.truncated });
  return out;
}

/** Follows the raw body beside the parser: its end, and the closing delimiter `--boundary--` (found across chunk edges). */
function watchBody(req: FastifyRequest): { ended: boolean; closed: boolean } {
  const state = { ended: false, closed: false };
  bodies.set(req.raw, state);
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers['content-type'] ?? '');
  const delimiter = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ''}--`);
  let tail = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    const seen = Buffer.concat([tail, chunk]);
    if (boundary && seen.includes(delimiter)) {
      state.closed = true;
      req.raw.off('data', onData);
    }
    tail = seen.subarray(Math.max(0, seen.length - delimiter.length + 1));
  };
  req.raw.on('data', onData);
  const onEnd = () => {
    state.ended = true;
    req.raw.off('data', onData);
  };
  req.raw.once('end', onEnd);
  req.raw.once('close', onEnd);
  return state;
}
