// What the link checker last found at an evidence link, said plainly beside the link: a dead or
// moved link is what a fact-checker must fix before publishing; a live one only says when it
// was last seen.
import { displayUrl, type EvidenceLink } from '@factdesk/model';
import { relativeTime } from '../../documents/relativeTime.ts';

export function LinkStatus({ link }: { link: EvidenceLink | undefined }) {
  if (!link || link.state === 'unchecked') return null;
  const when = link.checkedAt ? `checked ${relativeTime(link.checkedAt)}` : '';
  switch (link.state) {
    case 'alive':
      return <p className="link-status link-alive">Link works · {when}</p>;
    case 'dead':
      return (
        <p className="link-status link-dead" role="note">
          <strong>Dead link</strong> — the page answers {link.httpStatus} (gone) · {when}
        </p>
      );
    case 'moved':
      return (
        <p className="link-status link-moved" role="note">
          <strong>Moved</strong> — now at{' '}
          {link.finalUrl ? (
            <a href={link.finalUrl} target="_blank" rel="noopener noreferrer">
              {displayUrl(link.finalUrl)}
            </a>
          ) : (
            'another address'
          )}{' '}
          · {when}
        </p>
      );
    case 'unreachable':
      return (
        <p className="link-status link-unreachable" role="note">
          <strong>Unreachable</strong> — {link.problem ?? 'no answer'} · {when}
        </p>
      );
    case 'refused':
      return (
        <p className="link-status link-refused">
          Not checked — {link.problem ?? 'the server does not fetch from this address'}
        </p>
      );
  }
}
