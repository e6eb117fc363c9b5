/** The makings of every notification mail: plain text, Chinese; the modules that notify write their own wording. */

export interface MailText {
  subject: string;
  body: string;
}

/** The last line of every mail. */
export const MAIL_FOOTER = '本邮件由政务公开平台自动发送，请勿直接回复。';

/** The public address of the site without a trailing slash ('' when none is configured: links are then paths). */
export function siteUrl(baseUrl: string | undefined): string {
  return (baseUrl ?? '').replace(/\/+$/, '');
}

/** A title as a subject line: one line, not too long for a mail client's list. */
export function subjectLine(title: string): string {
  const flat = title.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : flat;
}

/** A mail body from its lines; null lines are left out. */
export function mailBody(...parts: (string | null)[]): string {
  return `${parts.filter((p) => p !== null).join('\n')}\n`;
}
