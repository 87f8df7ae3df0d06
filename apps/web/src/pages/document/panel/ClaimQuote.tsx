// The claim's passage in context (prefix, exact quote, suffix as highlighted), what the text
// reads now if edits changed it, and for an orphan the way to point it at a new selection.
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { api } from '../../../api/api.ts';
import { useT } from '../../../i18n/useT.ts';
import type { ClaimPanelProps } from './ClaimPanelProps.ts';
import type { ClaimWriteContext } from './useClaimWrite.ts';
import { useClaimWrite } from './useClaimWrite.ts';
import { WriteProblem } from './WriteProblem.tsx';

const CONTEXT = 90;
/** Selectors keep a few dozen characters around the quote; shorter ones reach the text's edge. */
const CLIPPED = 24;

/** The text before the quote, from a word's start (an ellipsis when it was cut). */
function leading(prefix: string): string {
  // Context stays inside the claim's own paragraph ("\n" separates blocks).
  const block = prefix.lastIndexOf('\n');
  if (block >= 0) return prefix.slice(block + 1);
  if (prefix.length < CLIPPED) return prefix;
  const tail = prefix.slice(-CONTEXT);
  const space = tail.search(/\s/);
  return `…${space === -1 ? tail : tail.slice(space + 1)}`;
}

/** The text after the quote, up to a word's end (an ellipsis when it was cut). */
function trailing(suffix: string): string {
  const block = suffix.indexOf('\n');
  if (block >= 0) return suffix.slice(0, block);
  if (suffix.length < CLIPPED) return suffix;
  const head = suffix.slice(0, CONTEXT);
  const space = head.search(/\s\S*$/);
  const cut = space <= 0 ? head : head.slice(0, space);
  // "flat. …" rather than "flat.…" when the cut follows a full stop.
  return /[.!?;:]$/.test(cut) ? `${cut} …` : `${cut}…`;
}

interface ClaimQuoteProps extends ClaimWriteContext {
  selectionAnchor: ClaimPanelProps['selectionAnchor'];
}

export function ClaimQuote(props: ClaimQuoteProps) {
  const { claim } = props;
  const { quote } = claim.anchor;
  const write = useClaimWrite(props);
  const [hint, setHint] = useState('');
  const t = useT();
  const changed = !claim.orphaned && claim.currentQuote !== quote.exact;

  async function reanchor() {
    const anchor = props.selectionAnchor();
    if (!anchor) {
      write.clear();
      setHint(t('claim.selectFirst'));
      return;
    }
    setHint('');
    await write.run((version) => api.reanchorClaim(claim.id, version, anchor));
  }

  return (
    <div className="claim-quote">
      <blockquote className="claim-quote-text" dir="auto">
        {quote.prefix && <span className="quote-context">{leading(quote.prefix)}</span>}
        <mark className="quote-exact">{quote.exact}</mark>
        {quote.suffix && <span className="quote-context">{trailing(quote.suffix)}</span>}
      </blockquote>
      {changed && (
        <p className="claim-quote-now">
          <span className="claim-label">{t('claim.textNowReads')}</span>{' '}
          <q dir="auto">{claim.currentQuote}</q>
        </p>
      )}
      {claim.orphaned && (
        <div className="orphan-box">
          <p>
            <FormattedMessage
              id="claim.orphanedExplained"
              values={{ strong: (chunks) => <strong>{chunks}</strong> }}
            />
          </p>
          {claim.abilities.reanchor && (
            <>
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={write.pending}
                onClick={reanchor}
              >
                {write.pending ? t('claim.reanchoring') : t('claim.reanchor')}
              </button>
              <p className="field-hint" role="status">
                {hint}
              </p>
              <WriteProblem write={write} kept={false} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
