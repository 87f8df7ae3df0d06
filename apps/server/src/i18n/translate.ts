// The sentences the server writes for people (API errors, e-mails), in English and French.
// A sentence travels as a message id plus its values and is formatted only when the language
// is known: the request's (Accept-Language) for an answer, the recipient's for an e-mail.
import { LOCALES, type Locale } from '@factdesk/model';
import IntlMessageFormat from 'intl-messageformat';
import en from './messages/en.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };

/** Every id the server may say; English is the reference catalog. */
export type MessageId = keyof typeof en;
/** What fills a message's placeholders; a Message value is translated in the same language. */
export type MessageValues = { readonly [name: string]: string | number | Date | Message };

/** A sentence not yet formatted: which message, and what fills its placeholders. */
export interface Message {
  readonly id: MessageId;
  readonly values?: MessageValues;
}

export const CATALOGS: Record<Locale, Record<MessageId, string>> = { en, fr };

/** A Message, typed: `msg('errors.notFound.Claim')`, `msg('errors.tooManyLogins', { wait })`. */
export function msg(id: MessageId, values?: MessageValues): Message {
  return values ? { id, values } : { id };
}

// Parsing is the costly part; each message is parsed once per language.
const formats = new Map<string, IntlMessageFormat>();

function formatterFor(locale: Locale, id: MessageId): IntlMessageFormat {
  const key = `${locale}\u0000${id}`;
  let format = formats.get(key);
  if (!format) {
    // Tags stay text: server sentences hold no markup, and "#claim-<number>" must print as is.
    format = new IntlMessageFormat(CATALOGS[locale][id] ?? CATALOGS.en[id], locale, undefined, {
      ignoreTag: true,
    });
    formats.set(key, format);
  }
  return format;
}

/** The message in that language (English when the language has no such message). */
export function translate(locale: Locale, id: MessageId, values?: MessageValues): string {
  const language = LOCALES.includes(locale) ? locale : 'en';
  const filled = values
    ? Object.fromEntries(
        Object.entries(values).map(([name, value]) => [
          name,
          isMessage(value) ? translate(language, value.id, value.values) : value,
        ]),
      )
    : undefined;
  return String(formatterFor(language, id).format(filled));
}

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && 'id' in value;
}

/** A Message or an already written sentence, in that language. */
export function say(locale: Locale, sentence: Message | string): string {
  return typeof sentence === 'string' ? sentence : translate(locale, sentence.id, sentence.values);
}

/** The ids under a prefix, without it: `IdsUnder<'claimVerb.'>` is 'approve' | 'comment' | … */
type IdsUnder<Prefix extends string> = MessageId extends infer Id
  ? Id extends `${Prefix}${infer Rest}`
    ? Rest
    : never
  : never;

/** What a 404 may call a missing thing: `new NotFoundError('Claim')` says errors.notFound.Claim. */
export type NotFoundThing = IdsUnder<'errors.notFound.'>;

/** The verbs a claim write names in its 409 sentences (claimVerb.*). */
export type ClaimVerb = IdsUnder<'claimVerb.'>;
