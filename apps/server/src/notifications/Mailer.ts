// E-mail out through SMTP_URL (nodemailer): plain text with a simple HTML copy, and the
// headers a message of ours needs. One pooled transport per instance.
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** RFC 8058 one-click unsubscribe: the page and the POST address. */
  unsubscribe?: { page: string; oneClick: string };
}

export class Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      ...(mail.unsubscribe
        ? {
            list: { unsubscribe: { url: mail.unsubscribe.oneClick, comment: 'Unsubscribe' } },
            headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          }
        : {}),
    });
  }

  close(): void {
    this.transport.close();
  }
}
