// One person's row of the board (or "Unassigned"): their claims in a column per status. The
// whole row takes dropped cards, which assigns the claim to that person.
import type { ClaimStatus, QueueClaim, VerdictScale } from '@factdesk/model';
import { CLAIM_STATUSES } from '@factdesk/model';
import { type DragEvent, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { statusLabel } from '../../components/claimWords.ts';
import { useT } from '../../i18n/useT.ts';
import { BoardCard } from './BoardCard.tsx';
import { type BoardActions, DRAG_TYPE, type Lane } from './boardTypes.ts';

export function BoardLane({
  lane,
  claims,
  scale,
  showDocument,
  actions,
}: {
  lane: Lane;
  claims: QueueClaim[];
  scale: VerdictScale | undefined;
  showDocument: boolean;
  actions: BoardActions;
}) {
  const headingId = useId();
  const intl = useIntl();
  const t = useT();
  const [over, setOver] = useState(false);
  const byStatus = new Map<ClaimStatus, QueueClaim[]>(CLAIM_STATUSES.map((s) => [s, []]));
  for (const claim of claims) byStatus.get(claim.status)?.push(claim);
  const name = lane.person?.name ?? t('board.unassigned');

  const accepts = (event: DragEvent) =>
    actions.canAssign && event.dataTransfer.types.includes(DRAG_TYPE);

  return (
    <section
      className={`board-lane${over ? ' is-drop-target' : ''}${lane.person ? '' : ' board-lane-unassigned'}`}
      aria-labelledby={headingId}
      onDragOver={(event) => {
        if (!accepts(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(event) => {
        setOver(false);
        if (!accepts(event)) return;
        event.preventDefault();
        const { claimId, from } = JSON.parse(event.dataTransfer.getData(DRAG_TYPE)) as {
          claimId: string;
          from: string;
        };
        if (from !== lane.id) void actions.moveTo(claimId, from, lane);
      }}
    >
      <header className="board-lane-header">
        <h2 id={headingId} className="board-lane-name">
          {name}
        </h2>
        {lane.role && <span className="board-lane-role">{lane.role}</span>}
        <span className="count">{t('board.count', { count: claims.length })}</span>
        {actions.canAssign && <span className="board-drop-hint">{t('board.dropHint')}</span>}
      </header>
      <div className="board-columns">
        {CLAIM_STATUSES.map((status) => {
          const cards = byStatus.get(status) ?? [];
          return (
            <div
              key={status}
              className={`board-column${cards.length === 0 ? ' is-empty' : ''}`}
              data-status={status}
            >
              <h3 className="board-column-name">
                {statusLabel(intl, status)}
                <span className="visually-hidden">, {name}</span>
                <span className="board-column-count">{cards.length}</span>
              </h3>
              {cards.length > 0 && (
                <ul className="board-cards">
                  {cards.map((claim) => (
                    <li key={claim.id}>
                      <BoardCard
                        claim={claim}
                        lane={lane}
                        scale={scale}
                        showDocument={showDocument}
                        actions={actions}
                      />
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
      {claims.length === 0 && <p className="board-lane-empty muted">{t('board.laneEmpty')}</p>}
    </section>
  );
}
