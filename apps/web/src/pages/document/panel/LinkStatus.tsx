// What the link checker last found at an evidence link, said plainly beside the link: a dead or
// moved link is what a fact-checker must fix before publishing; a live one only says when it
// was last seen.
import { displayUrl, type EvidenceLink } from '@factdesk/model';
import { FormattedMessage, useIntl } from 'react-intl';
import { relativeTime } from '../../documents/relativeTime.ts';

export function LinkStatus({ link }: { link: EvidenceLink | undefined }) {
  const intl = useIntl();
  if (!link || link.state === 'unchecked') return null;
  const say = intl.formatMessage;
  const when = link.checkedAt
    ? say({ id: 'link.checked' }, { when: relativeTime(intl, link.checkedAt) })
    : '';
  const strong = (chunks: React.ReactNode[]) => <strong>{chunks}</strong>;
  switch (link.state) {
    case 'alive':
      return <p className="link-status link-alive">{say({ id: 'link.alive' }, { when })}</p>;
    case 'dead':
      return (
        <p className="link-status link-dead" role="note">
          <FormattedMessage
            id="link.dead"
            values={{ status: link.httpStatus ?? '', when, strong }}
          />
        </p>
      );
    case 'moved':
      return (
        <p className="link-status link-moved" role="note">
          <FormattedMessage
            id="link.moved"
            values={{
              when,
              strong,
              where: link.finalUrl ? (
                <a href={link.finalUrl} target="_blank" rel="noopener noreferrer">
                  {displayUrl(link.finalUrl)}
                </a>
              ) : (
                say({ id: 'link.anotherAddress' })
              ),
            }}
          />
        </p>
      );
    case 'unreachable':
      return (
        <p className="link-status link-unreachable" role="note">
          <FormattedMessage
            id="link.unreachable"
            values={{ problem: link.problem ?? say({ id: 'link.noAnswer' }), when, strong }}
          />
        </p>
      );
    case 'refused':
      return (
        <p className="link-status link-refused">
          {say(
            { id: 'link.refused' },
            { problem: link.problem ?? say({ id: 'link.refusedDefault' }) },
          )}
        </p>
      );
  }
}
