// The claim panel beside the document's text: the filtered list of claims, or the open
// claim's detail. The page owns the claims (kept live) and which claim is selected; the
// panel keeps only its filters, so they survive opening a claim and coming back.
import { useRef, useState } from 'react';
import { ClaimDetail } from './ClaimDetail.tsx';
import { ClaimList } from './ClaimList.tsx';
import type { ClaimPanelProps } from './ClaimPanelProps.ts';
import { type ClaimFilter, NO_FILTER } from './claimFilter.ts';
import './panel.css';
import { useT } from '../../../i18n/useT.ts';

export function ClaimPanel(props: ClaimPanelProps) {
  const [filter, setFilter] = useState<ClaimFilter>(NO_FILTER);
  const t = useT();
  // Keyboard focus follows the person's own moves only: a claim opened from the list gets
  // focus, and "Back" returns it to that claim's item; a highlight clicked in the text
  // leaves the focus in the editor.
  const openedFromList = useRef<string | null>(null);
  const [focusClaimId, setFocusClaimId] = useState<string | null>(null);
  const { selectedClaimId, onSelect } = props;
  const selected =
    selectedClaimId === null
      ? undefined
      : props.claims.find((claim) => claim.id === selectedClaimId);

  function open(claimId: string) {
    openedFromList.current = claimId;
    onSelect(claimId);
  }

  function back() {
    setFocusClaimId(selectedClaimId);
    openedFromList.current = null;
    onSelect(null);
  }

  if (selectedClaimId !== null && !selected) {
    return (
      <div className="claim-panel">
        <div className="claim-panel-missing">
          <p>{t('claim.gone')}</p>
          <button type="button" className="button button-secondary button-small" onClick={back}>
            {t('claim.back')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="claim-panel">
      {selected ? (
        // Keyed by claim: every form starts clean when another claim opens.
        <ClaimDetail
          key={selected.id}
          {...props}
          claim={selected}
          autoFocus={openedFromList.current === selected.id}
          onBack={back}
        />
      ) : (
        <ClaimList
          {...props}
          onSelect={(claimId) => (claimId === null ? back() : open(claimId))}
          filter={filter}
          onFilterChange={setFilter}
          focusClaimId={focusClaimId}
        />
      )}
    </div>
  );
}
