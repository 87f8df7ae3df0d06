// One place that turns every error into a response: typed AppErrors keep their status and
// sentence, validation failures name the field, anything unexpected becomes a bare 500.
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, RateLimitedError } from '../errors.ts';

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** "body/email must match format \"email\"" → a sentence that names the field. */
export function describeValidation(issue: ValidationIssue, context: string) {
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const field =
    issue.keyword === 'required'
      ? [path, issue.params.missingProperty].filter(Boolean).join('.')
      : path;
  const name = field || context;
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return { field, message: `${name} is required.` };
    case 'additionalProperties':
      return {
        field: String(p.additionalProperty),
        message: `${String(p.additionalProperty)} is not a known field${path ? ` of ${path}` : ''}.`,
      };
    case 'minLength':
      return {
        field,
        message:
          p.limit === 1
            ? `${name} cannot be empty.`
            : `${name} must be at least ${p.limit} characters.`,
      };
    case 'maxLength':
      return { field, message: `${name} must be at most ${p.limit} characters.` };
    case 'format':
      return { field, message: `${name} must be a valid ${formatName(String(p.format))}.` };
    case 'enum':
      return {
        field,
        message: `${name} must be one of: ${(p.allowedValues as unknown[]).join(', ')}.`,
      };
    case 'type':
      return { field, message: `${name} must be ${article(String(p.type))}.` };
    case 'minimum':
    case 'maximum':
      return { field, message: `${name} ${issue.message ?? 'is out of range'}.` };
    case 'minProperties':
      return { field, message: `${name} must name at least one field to change.` };
    default:
      return { field, message: `${name} ${issue.message ?? 'is not valid'}.` };
  }
}

function formatName(format: string): string {
  return (
    { email: 'email address', uuid: 'identifier (UUID)', uri: 'URL', 'date-time': 'date and time' }[
      format
    ] ?? format
  );
}

function article(type: string): string {
  return { object: 'an object', array: 'a list', integer: 'a whole number' }[type] ?? `a ${type}`;
}

export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error instanceof RateLimitedError) reply.header('retry-after', error.retryAfterSeconds);
      return reply.status(error.status).send(error.body());
    }
    if (error.validation) {
      const first = error.validation[0] as ValidationIssue | undefined;
      const context = error.validationContext ?? 'input';
      const described = first
        ? describeValidation(first, context)
        : { field: '', message: 'The request is not valid.' };
      return reply.status(400).send({
        code: 'invalid_input',
        message: described.message,
        ...(described.field ? { field: described.field } : {}),
      });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply
          .status(413)
          .send({ code: 'too_large', message: 'The request body is too large.' });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(415).send({
          code: 'unsupported_media_type',
          message: 'Send the request body as JSON (Content-Type: application/json).',
        });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply
          .status(400)
          .send({ code: 'invalid_json', message: 'The request body is empty; send JSON.' });
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return reply
          .status(400)
          .send({ code: 'invalid_json', message: 'The request body is not valid JSON.' });
    }
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return reply
        .status(400)
        .send({ code: 'invalid_json', message: 'The request body is not valid JSON.' });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      return reply
        .status(status)
        .send({ code: 'bad_request', message: 'The request is not valid.' });
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .status(500)
      .send({ code: 'internal', message: 'Something went wrong on our side. Please try again.' });
  });
});
