// The e-mails Factdesk sends: a digest of notifications, and a password reset link. Each is
// plain text first, with a simple HTML copy; every digest ends with its unsubscribe link.
// Written in the recipient's language (i18n catalogs, email.*), dates by Intl in it.
import type { Locale } from '@factdesk/model';
import { escapeHtml } from '@factdesk/report';
import { type MessageId, type MessageValues, translate } from '../i18n/translate.ts';
import { notificationPath, notificationText } from '../presenters/notifications.ts';
import type { NotificationRow } from '../queries/notifications.ts';
import type { OutgoingMail } from './Mailer.ts';

const HTML_HEAD = (locale: Locale) =>
  `<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2933">`;

export function composeDigest(input: {
  to: string;
  name: string;
  locale: Locale;
  rows: NotificationRow[];
  publicUrl: URL;
  unsubscribe: { page: string; oneClick: string };
}): OutgoingMail {
  const { rows, publicUrl, locale } = input;
  const t = (id: MessageId, values?: MessageValues) => translate(locale, id, values);
  const items = rows.map((row) => ({
    text: notificationText(row, locale),
    url: new URL(notificationPath(row), publicUrl.origin).href,
  }));
  const settings = new URL('/settings/notifications', publicUrl.origin).href;
  const subject =
    items.length === 1 && items[0]
      ? items[0].text
      : t('email.digest.subject', { count: items.length });
  const text = [
    t('email.hello', { name: input.name }),
    '',
    ...items.flatMap((item) => [`- ${item.text}`, `  ${item.url}`]),
    '',
    t('email.digest.settingsLine', { url: settings }),
    t('email.digest.unsubscribeLine', { url: input.unsubscribe.page }),
  ].join('\n');
  const html = [
    HTML_HEAD(locale),
    `<p>${escapeHtml(t('email.hello', { name: input.name }))}</p><ul>`,
    ...items.map(
      (item) => `<li><a href="${escapeHtml(item.url)}">${escapeHtml(item.text)}</a></li>`,
    ),
    '</ul>',
    `<p style="font-size:0.9em;color:#52606d"><a href="${escapeHtml(settings)}">${escapeHtml(t('email.digest.settingsLink'))}</a> · `,
    `<a href="${escapeHtml(input.unsubscribe.page)}">${escapeHtml(t('email.digest.unsubscribeLink'))}</a></p>`,
    '</body></html>',
  ].join('\n');
  return { to: input.to, subject, text, html, unsubscribe: input.unsubscribe };
}

export function composeResetEmail(input: {
  to: string;
  name: string;
  locale: Locale;
  link: string;
  hours: number;
  expiresAt: Date;
}): OutgoingMail {
  const t = (id: MessageId, values?: MessageValues) => translate(input.locale, id, values);
  // The recipient's time zone is unknown: the time is given in UTC, and says so.
  const expires = new Intl.DateTimeFormat(input.locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(input.expiresAt);
  const validity = t('email.reset.validity', { hours: input.hours, expires });
  const text = [
    t('email.hello', { name: input.name }),
    '',
    t('email.reset.intro'),
    input.link,
    '',
    validity,
  ].join('\n');
  const html = [
    HTML_HEAD(input.locale),
    `<p>${escapeHtml(t('email.hello', { name: input.name }))}</p>`,
    `<p>${escapeHtml(t('email.reset.introHtml'))}</p>`,
    `<p><a href="${escapeHtml(input.link)}">${escapeHtml(t('email.reset.link'))}</a></p>`,
    `<p style="font-size:0.9em;color:#52606d">${escapeHtml(validity)}</p>`,
    '</body></html>',
  ].join('\n');
  return { to: input.to, subject: t('email.reset.subject'), text, html };
}
