import { MAIL_FOOTER, mailBody, siteUrl, subjectLine, type MailText } from '../mail/index.js';
import { isMessageType, TYPE_LABELS } from './types.js';

/** The wording of the messages' notification mails: to the unit a message is given, to the citizen answered, reminders. */

/** Where staff handle messages: a link when the public address is known. */
function consoleLine(baseUrl: string | undefined, messageId: string): string {
  return baseUrl ? `请登录政务公开平台控制台办理：${siteUrl(baseUrl)}/console/messages/${messageId}` : '请登录政务公开平台控制台“留言办理”办理。';
}

function typeLabel(type: string): string {
  return isMessageType(type) ? TYPE_LABELS[type] : type;
}

export function assignedMail(
  baseUrl: string | undefined,
  m: { id: string; title: string; type: string; dueDate: string | null; unitName: string },
  displayName: string,
): MailText {
  return {
    subject: `【留言办理】${subjectLine(m.title)}`,
    body: mailBody(
      `${displayName}，您好：`,
      '',
      `一件群众留言已交由${m.unitName || '贵单位'}办理，请及时答复。`,
      '',
      `标题：${m.title}`,
      `类型：${typeLabel(m.type)}`,
      m.dueDate ? `答复期限：${m.dueDate}` : null,
      '',
      consoleLine(baseUrl, m.id),
      '',
      MAIL_FOOTER,
    ),
  };
}

export function citizenAnsweredMail(baseUrl: string | undefined, m: { title: string; trackingCode: string; agencyName: string }): MailText {
  return {
    subject: '您的留言已答复',
    body: mailBody(
      '您好：',
      '',
      `您提交的留言“${m.title}”${m.agencyName ? `已由${m.agencyName}` : '已'}答复。`,
      '',
      `查询码：${m.trackingCode}`,
      `请凭查询码在政务公开网站查看答复内容：${siteUrl(baseUrl)}/messages/track/${encodeURIComponent(m.trackingCode)}`,
      '',
      '查询码是您查看答复和评价办理情况的凭证，请妥善保管。',
      MAIL_FOOTER,
    ),
  };
}

export interface ReminderFacts {
  id: string;
  title: string;
  type: string;
  dueDate: string;
  /** Working days left until the due date (0 = due today); for due-soon reminders. */
  remaining?: number;
  /** The handling unit, or null when the message waits for the office to route it. */
  unitName: string | null;
}

/** A reminder to the people handling a message: who is written to, what is urgent, the facts and where to act. */
function reminderMail(baseUrl: string | undefined, m: ReminderFacts, displayName: string, tag: string, urgency: string): MailText {
  return {
    subject: `【${tag}】${subjectLine(m.title)}`,
    body: mailBody(
      `${displayName}，您好：`,
      '',
      urgency,
      '',
      `标题：${m.title}`,
      `类型：${typeLabel(m.type)}`,
      `答复期限：${m.dueDate}`,
      '',
      consoleLine(baseUrl, m.id),
      '',
      MAIL_FOOTER,
    ),
  };
}

export function dueSoonMail(baseUrl: string | undefined, m: ReminderFacts, displayName: string): MailText {
  const left = m.remaining === 0 ? '今天到期' : `还剩 ${m.remaining ?? 0} 个工作日`;
  const urgency = m.unitName ? `${m.unitName}办理的一件群众留言即将到期（${left}），请抓紧答复。` : `一件群众留言尚未分办，即将到期（${left}），请尽快分办。`;
  return reminderMail(baseUrl, m, displayName, '即将到期', urgency);
}

export function overdueMail(baseUrl: string | undefined, m: ReminderFacts, displayName: string): MailText {
  const urgency = m.unitName ? `${m.unitName}办理的一件群众留言已超过答复期限，请立即答复。` : '一件群众留言已超过答复期限仍未分办，请立即处理。';
  return reminderMail(baseUrl, m, displayName, '已超期', urgency);
}
