/**
 * A citizen's contact, as messages and solicitation comments take it: an e-mail address or a phone number (mobile
 * or landline). The normalised form is the key of the per-contact submission limit (shared/abuse.ts), so
 * `138 0013 8000` and `+86 13800138000` count as one; staff who do not handle a message see it masked.
 */
const EMAIL = /^[^\s@<>()[\]\\,;:"']{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}\d{7,8}(?:\d{1,6})?$/;

export type ContactKind = 'email' | 'mobile' | 'landline';

export function contactKind(contact: string): ContactKind | null {
  const c = contact.normalize('NFKC').trim();
  if (c.length <= 254 && EMAIL.test(c)) return 'email';
  const digits = c.replace(/[\s\-()（）转]/g, '');
  if (MOBILE.test(digits)) return 'mobile';
  if (LANDLINE.test(digits)) return 'landline';
  return null;
}

export function contactKey(contact: string): string | null {
  const c = contact.normalize('NFKC').trim();
  const kind = contactKind(c);
  if (kind === 'email') return `email:${c.toLowerCase()}`;
  if (kind === 'mobile') return `phone:${c.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '')}`;
  if (kind === 'landline') return `phone:${c.replace(/\D/g, '')}`;
  return null;
}

export function isEmail(contact: string | null | undefined): boolean {
  return !!contact && contactKind(contact) === 'email';
}

/** For staff who may see a message but do not handle it: enough to recognise, not to contact. */
export function maskContact(contact: string | null): string | null {
  if (!contact) return contact;
  const c = contact.trim();
  const at = c.indexOf('@');
  if (at > 0) return `${c.slice(0, 1)}***${c.slice(at)}`;
  return c.length > 4 ? `${'*'.repeat(c.length - 4)}${c.slice(-4)}` : '****';
}
