// The e-mails Factdesk sends: a digest of notifications, and a password reset link. Each is
// plain text first, with a simple HTML copy; every digest ends with its unsubscribe link.
import { escapeHtml } from '@factdesk/report';
import { notificationPath, notificationText } from '../presenters/notifications.ts';
import type { NotificationRow } from '../queries/notifications.ts';
import type { OutgoingMail } from './Mailer.ts';

const HTML_HEAD =
  '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2933">';

export function composeDigest(input: {
  to: string;
  name: string;
  rows: NotificationRow[];
  publicUrl: URL;
  unsubscribe: { page: string; oneClick: string };
}): OutgoingMail {
  const { rows, publicUrl } = input;
  const items = rows.map((row) => ({
    text: notificationText(row),
    url: new URL(notificationPath(row), publicUrl.origin).href,
  }));
  const settings = new URL('/settings/notifications', publicUrl.origin).href;
  const subject =
    items.length === 1 && items[0]
      ? items[0].text
      : `${items.length} new notifications in Factdesk`;
  const text = [
    `Hello ${input.name},`,
    '',
    ...items.flatMap((item) => [`- ${item.text}`, `  ${item.url}`]),
    '',
    `Choose which e-mails you get: ${settings}`,
    `Unsubscribe from all Factdesk e-mails: ${input.unsubscribe.page}`,
  ].join('\n');
  const html = [
    HTML_HEAD,
    `<p>Hello ${escapeHtml(input.name)},</p><ul>`,
    ...items.map(
      (item) => `<li><a href="${escapeHtml(item.url)}">${escapeHtml(item.text)}</a></li>`,
    ),
    '</ul>',
    `<p style="font-size:0.9em;color:#52606d"><a href="${escapeHtml(settings)}">Choose which e-mails you get</a> · `,
    `<a href="${escapeHtml(input.unsubscribe.page)}">Unsubscribe from all Factdesk e-mails</a></p>`,
    '</body></html>',
  ].join('\n');
  return { to: input.to, subject, text, html, unsubscribe: input.unsubscribe };
}

export function composeResetEmail(input: {
  to: string;
  name: string;
  link: string;
  hours: number;
}): OutgoingMail {
  const text = [
    `Hello ${input.name},`,
    '',
    'Someone asked to reset the password of your Factdesk account. To choose a new password, open:',
    input.link,
    '',
    `The link works once, for ${input.hours} hours. If you did not ask, ignore this e-mail: your password stays as it is.`,
  ].join('\n');
  const html = [
    HTML_HEAD,
    `<p>Hello ${escapeHtml(input.name)},</p>`,
    '<p>Someone asked to reset the password of your Factdesk account.</p>',
    `<p><a href="${escapeHtml(input.link)}">Choose a new password</a></p>`,
    `<p style="font-size:0.9em;color:#52606d">The link works once, for ${input.hours} hours. If you did not ask, ignore this e-mail: your password stays as it is.</p>`,
    '</body></html>',
  ].join('\n');
  return { to: input.to, subject: 'Reset your Factdesk password', text, html };
}
