// One place that turns every error into a response: typed AppErrors keep their status and
// sentence, validation failures name the field, anything unexpected becomes a bare 500.
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, RateLimitedError } from '../errors.ts';
import { localeFromAcceptLanguage } from '../i18n/requestLocale.ts';
import { type Message, type MessageId, msg, translate } from '../i18n/translate.ts';

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * "body/email must match format \"email\"" → a sentence that names the field, as a catalog
 * Message (validation.*): the field stays the API's name, the words around it are translated.
 */
export function describeValidation(
  issue: ValidationIssue,
  context: string,
): { field: string; message: Message } {
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const field =
    issue.keyword === 'required'
      ? [path, issue.params.missingProperty].filter(Boolean).join('.')
      : path;
  const name = field || context;
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return { field, message: msg('validation.required', { name }) };
    case 'additionalProperties': {
      const unknown = String(p.additionalProperty);
      return {
        field: unknown,
        message: path
          ? msg('validation.unknownFieldOf', { field: unknown, path })
          : msg('validation.unknownField', { field: unknown }),
      };
    }
    case 'minLength':
      return {
        field,
        message:
          p.limit === 1
            ? msg('validation.empty', { name })
            : msg('validation.minLength', { name, limit: Number(p.limit) }),
      };
    case 'maxLength':
      return { field, message: msg('validation.maxLength', { name, limit: Number(p.limit) }) };
    case 'format':
      // ICU select keys cannot hold "-": date-time is asked for as date_time.
      return {
        field,
        message: msg('validation.format', { name, format: String(p.format).replace('-', '_') }),
      };
    case 'enum':
      return {
        field,
        message: msg('validation.enum', {
          name,
          allowed: (p.allowedValues as unknown[]).join(', '),
        }),
      };
    case 'type':
      return { field, message: msg('validation.type', { name, type: String(p.type) }) };
    case 'minimum':
    case 'maximum':
      // The validator's own words are "must be >= 1": its comparison and limit, re-worded here.
      return {
        field,
        message:
          p.comparison !== undefined && p.limit !== undefined
            ? msg('validation.range', {
                name,
                comparison: String(p.comparison),
                limit: String(p.limit),
              })
            : msg('validation.outOfRange', { name }),
      };
    case 'minProperties':
      return { field, message: msg('validation.minProperties', { name }) };
    default:
      return {
        field,
        message: issue.message
          ? msg('validation.other', { name, problem: issue.message })
          : msg('validation.invalid', { name }),
      };
  }
}

export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // Every sentence in the language the request asks for (Accept-Language), English by default.
    const locale = localeFromAcceptLanguage(request.headers['accept-language']);
    const say = (id: MessageId) => translate(locale, id);
    if (error instanceof AppError) {
      if (error instanceof RateLimitedError) reply.header('retry-after', error.retryAfterSeconds);
      return reply.status(error.status).send(error.body(locale));
    }
    if (error.validation) {
      const first = error.validation[0] as ValidationIssue | undefined;
      const context = error.validationContext ?? 'input';
      const described = first
        ? describeValidation(first, context)
        : { field: '', message: msg('errors.invalidRequest') };
      return reply.status(400).send({
        code: 'invalid_input',
        message: translate(locale, described.message.id, described.message.values),
        ...(described.field ? { field: described.field } : {}),
      });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send({ code: 'too_large', message: say('errors.bodyTooLarge') });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(415).send({
          code: 'unsupported_media_type',
          message: say('errors.unsupportedMediaType'),
        });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send({ code: 'invalid_json', message: say('errors.emptyJson') });
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return reply.status(400).send({ code: 'invalid_json', message: say('errors.invalidJson') });
    }
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return reply.status(400).send({ code: 'invalid_json', message: say('errors.invalidJson') });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      return reply
        .status(status)
        .send({ code: 'bad_request', message: say('errors.invalidRequest') });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ code: 'internal', message: say('errors.internal') });
  });
});
