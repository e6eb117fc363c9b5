import { KIND_INFO, type Kind } from './types.js';

export type NameResult = { ok: true; name: string } | { ok: false; extension: string };

// eslint-disable-next-line no-control-regex -- control characters are what it removes
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const RESERVED = /[<>:"|?*\\/]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
/** An extension is a short run of letters and digits starting with a letter ("2026.3" has none). */
const EXTENSION = /\.([A-Za-z][A-Za-z0-9]{0,4})$/;

/**
 * The display name of an upload: the last path segment only (no `../`, `..\`, drive letters or absolute
 * paths), no control, bidirectional-override or reserved characters, Chinese kept, at most `maxChars`
 * characters, and ending with an extension of the sniffed kind. A different extension is refused
 * (`ok: false`): a PNG called .pdf or a program called .pdf is not what it says.
 */
export function safeName(raw: string, kind: Kind, maxChars: number): NameResult {
  const info = KIND_INFO[kind];
  let name = raw.normalize('NFC').replace(CONTROL, '');
  name = name.split(/[\\/]/).pop() ?? '';
  name = name.replace(/^[A-Za-z]:/, '');
  name = name.replace(RESERVED, '_').replace(/\s+/g, ' ').trim();
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  let base = name;
  let ext: string = info.extensions[0]!;
  const m = EXTENSION.exec(name);
  if (m) {
    const given = m[1]!.toLowerCase();
    if (!info.extensions.includes(given)) return { ok: false, extension: given };
    ext = given;
    base = name.slice(0, m.index).replace(/[.\s]+$/, '');
  }
  if (WINDOWS_DEVICE.test(base)) base = `_${base}`;
  if (!base) base = '附件';
  const room = Math.max(1, maxChars - ext.length - 1);
  const chars = [...base];
  if (chars.length > room) base = chars.slice(0, room).join('').trim();
  return { ok: true, name: `${base}.${ext}` };
}


/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 / RFC 5987) with an ASCII fallback. */
export function contentDisposition(name: string, inline: boolean): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
