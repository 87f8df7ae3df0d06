// "Forgot password?": whether reset by e-mail is on (SMTP_URL set), and asking for a link by
// e-mail. No login; the answer never says whether an account has the address.
import { ErrorBody, ForgotPasswordBody } from '@factdesk/model';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ResetEmailThrottle, sendResetEmail } from '../../commands/passwordResetEmails.ts';
import { AppError } from '../../errors.ts';
import { localeFromAcceptLanguage } from '../../i18n/requestLocale.ts';
import { msg, translate } from '../../i18n/translate.ts';

export const passwordResetEmailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const throttle = new ResetEmailThrottle();

  app.get(
    '/',
    {
      schema: {
        tags: ['password resets'],
        summary: 'Whether password reset links can be asked for by e-mail on this server',
        response: { 200: Type.Object({ available: Type.Boolean() }) },
      },
    },
    async () => ({ available: app.mailer !== undefined }),
  );

  app.post(
    '/',
    {
      schema: {
        tags: ['password resets'],
        summary:
          'E-mail a password reset link to this address, if an account has it (the same answer either way)',
        body: ForgotPasswordBody,
        response: {
          202: Type.Object({ message: Type.String() }),
          400: ErrorBody,
          429: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const mailer = app.mailer;
      if (!mailer) {
        throw new AppError(503, 'email_unavailable', msg('errors.emailUnavailable'));
      }
      throttle.take(request.ip, request.body.email);
      const locale = localeFromAcceptLanguage(request.headers['accept-language']);
      sendResetEmail(
        {
          sql: app.db,
          mailer,
          publicUrl: app.config.publicUrl,
          hours: app.config.passwordResetHours,
          log: request.log,
        },
        request.body.email,
        locale,
      );
      // The same sentence whether or not the address has an account.
      return reply.status(202).send({ message: translate(locale, 'email.reset.requested') });
    },
  );
};
