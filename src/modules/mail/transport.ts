import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Config } from '../../config.js';

/** One mail of the outbox, ready to go. */
export interface MailToSend {
  /** The outbox row's id: the Message-ID and the .eml file name derive from it, so a retry is the same mail. */
  id: string;
  to: string;
  subject: string;
  text: string;
  date: Date;
}

export interface MailTransport {
  /** Where mail goes, for logs: the SMTP host or the outbox folder. */
  readonly target: string;
  send(mail: MailToSend): Promise<void>;
  close(): void;
}

/** The folder mail is written to when no SMTP server is configured. */
export function outboxFolder(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'mail-outbox');
}

/**
 * SMTP when SMTP_URL is set (e.g. `smtp://127.0.0.1:2525`, `smtps://user:pass@mail.example.gov.cn`), otherwise
 * RFC 822 `.eml` files under DATA_DIR/mail-outbox/, which an operator can read or hand to a mail client.
 */
export function createMailTransport(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'dataDir'>): MailTransport {
  return config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : folderTransport(outboxFolder(config), config.mailFrom);
}

function smtpTransport(url: string, from: string): MailTransport {
  const parsed = new URL(url);
  // Bounded waits: a send must end well within the delivery worker's claim lease (delivery.ts).
  const transporter = nodemailer.createTransport(
    new SMTPTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 }),
  );
  return {
    target: `smtp ${parsed.hostname}:${parsed.port || (parsed.protocol === 'smtps:' ? '465' : '587')}`,
    async send(mail) {
      await transporter.sendMail(message(mail, from));
    },
    close() {
      transporter.close();
    },
  };
}

function folderTransport(dir: string, from: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    target: dir,
    async send(mail) {
      const info = await composer.sendMail(message(mail, from));
      await fs.mkdir(dir, { recursive: true });
      // Written under a temporary name and renamed: a reader of the folder never sees half a mail. The name is
      // fixed by the outbox row, so a retry after a crash replaces the file instead of adding a second one.
      const name = `${stamp(mail.date)}-${mail.id}.eml`;
      const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
      await fs.writeFile(tmp, info.message, { mode: 0o640 });
      await fs.rename(tmp, path.join(dir, name));
    },
    close() {
      composer.close();
    },
  };
}

function message(mail: MailToSend, from: string): nodemailer.SendMailOptions {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    textEncoding: 'base64',
    date: mail.date,
    messageId: `<${mail.id}@${domainOf(from)}>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

function domainOf(from: string): string {
  const m = /@([A-Za-z0-9.-]+)/.exec(from);
  return m?.[1] ?? 'localhost';
}

/** `20260302T020000Z`: file names sort in the order mails were queued. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
