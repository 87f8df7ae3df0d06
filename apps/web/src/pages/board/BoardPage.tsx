// /w/:workspaceId/board — the moderator board: every claim of the workspace's active documents
// in a lane per reviewer (and "Unassigned") and a column per status. Moderators assign from a
// card's menu, by dragging a card to a lane, or several at once with a due date. Live: the
// workspace's event stream refetches the claims when a colleague changes one (useLiveRefresh),
// keeping the selection, and the focus on the card it was on even when the card changes lane.
import type { PersonRef, QueueClaim, WorkspaceEvent } from '@factdesk/model';
import { CLAIM_STATUSES } from '@factdesk/model';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/ApiError.ts';
import { api } from '../../api/api.ts';
import { ErrorAlert, Notice } from '../../components/Alert.tsx';
import { statusLabel } from '../../components/claimWords.ts';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { moveBetweenLinks } from '../../components/listKeys.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { roleLabel } from '../../components/roles.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLiveRefresh } from '../../state/useLiveRefresh.ts';
import { useResource } from '../../state/useResource.ts';
import { useWorkspace } from '../../state/WorkspaceContext.tsx';
import { claimQuote, DUE_VIEWS, dueViewOf, isOverdue } from '../queue/ClaimBadges.tsx';
import { BoardLane } from './BoardLane.tsx';
import { BulkAssignBar } from './BulkAssignBar.tsx';
import { type BoardActions, type Lane, UNASSIGNED } from './boardTypes.ts';
import './board.css';
import { useIntl } from 'react-intl';
import { useT } from '../../i18n/useT.ts';

/** Arrows or j/k from one card's link to the next, in reading order: triage without a mouse. */
const moveBetweenCards = moveBetweenLinks('.board-card-link', { across: true });
const ASSIGNABLE_ROLES = new Set(['owner', 'moderator', 'reviewer']);

/** The start of a claim's quote, for notices (the message puts the quotation marks). */
function shortQuote(claim: QueueClaim): string {
  const quote = claimQuote(claim);
  return quote.length > 50 ? `${quote.slice(0, 49)}…` : quote;
}

/** Who has a document open is not on the board. */
const boardConcerns = (event: WorkspaceEvent) => event.kind !== 'presence';

/** The card control that has the focus: which claim, in which lane, which control. */
interface FocusedCard {
  claimId: string;
  laneId: string;
  control: string;
}
const CARD_CONTROLS = ['.board-card-link', '.board-card-select input'];

function focusedCard(): FocusedCard | undefined {
  const active = document.activeElement;
  const card = active?.closest<HTMLElement>('.board-card[data-claim-id]');
  const control = CARD_CONTROLS.find((selector) => active?.matches(selector));
  const { claimId, laneId } = card?.dataset ?? {};
  return claimId && laneId && control ? { claimId, laneId, control } : undefined;
}

function restoreFocus({ claimId, laneId, control }: FocusedCard): void {
  const cards = [...document.querySelectorAll<HTMLElement>('.board-card[data-claim-id]')].filter(
    (card) => card.dataset.claimId === claimId,
  );
  const card = cards.find((c) => c.dataset.laneId === laneId) ?? cards[0];
  card?.querySelector<HTMLElement>(control)?.focus({ preventScroll: true });
}

export function BoardPage() {
  const { workspace } = useWorkspace();
  const intl = useIntl();
  const t = useT();
  usePageTitle(t('nav.board'), workspace.name);
  const canAssign = workspace.abilities['claim.assign'] === true;
  const [params, setParams] = useSearchParams();
  const documentFilter = params.get('document') ?? '';
  const laneFilter = params.get('reviewer') ?? '';
  const dueView = dueViewOf(params.get('due'));
  const ids = useId();

  const claims = useResource(`board:${workspace.id}`, () => api.workspaceClaims(workspace.id));
  const members = useResource(`members:${workspace.id}`, () => api.members(workspace.id));
  const scale = useResource(`verdict-scale:${workspace.id}`, () => api.verdictScale(workspace.id));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<ApiError[]>([]);
  const [notice, setNotice] = useState('');
  const { reload, refresh, update } = claims;
  useLiveRefresh(workspace.id, refresh, boardConcerns);

  // Claims that left the board (their document deleted or archived) leave the selection.
  useEffect(() => {
    if (!claims.data) return;
    const present = new Set(claims.data.map((claim) => claim.id));
    setSelected((current) =>
      [...current].every((id) => present.has(id))
        ? current
        : new Set([...current].filter((id) => present.has(id))),
    );
  }, [claims.data]);

  // A refetch can move the focused card to another lane or column (a new element): the focus
  // follows it, to the same control, so keyboard triage goes on where it was.
  const focusBefore = useRef<FocusedCard | undefined>(undefined);
  focusBefore.current = focusedCard();
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each new answer
  useLayoutEffect(() => {
    const before = focusBefore.current;
    focusBefore.current = undefined;
    if (!before || (document.activeElement && document.activeElement !== document.body)) return;
    restoreFocus(before);
  }, [claims.data]);

  function setParam(name: string, value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  const assignable: PersonRef[] = useMemo(
    () =>
      (members.data ?? [])
        .filter((member) => ASSIGNABLE_ROLES.has(member.role))
        .map((member) => ({ id: member.userId, name: member.displayName }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [members.data],
  );

  const lanes: Lane[] = useMemo(() => {
    const roles = new Map((members.data ?? []).map((m) => [m.userId, roleLabel(intl, m.role)]));
    const people = new Map(assignable.map((person) => [person.id, person]));
    // Someone who left the workspace can still hold claims: they keep a lane until reassigned.
    for (const claim of claims.data ?? []) {
      for (const person of claim.assignees)
        if (!people.has(person.id)) people.set(person.id, person);
    }
    const sorted = [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
    return [
      { id: UNASSIGNED, person: null },
      ...sorted.map((person) => ({
        id: person.id,
        person,
        role: roles.get(person.id) ?? t('board.formerMember'),
      })),
    ];
  }, [assignable, members.data, claims.data, intl, t]);

  const documents = useMemo(() => {
    const titles = new Map<string, string>();
    for (const claim of claims.data ?? []) titles.set(claim.documentId, claim.documentTitle);
    return [...titles.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [claims.data]);

  const dueMatches = DUE_VIEWS.find((view) => view.value === dueView)?.matches ?? (() => true);
  const visible = (claims.data ?? []).filter(
    (claim) => (!documentFilter || claim.documentId === documentFilter) && dueMatches(claim),
  );
  const shownLanes = lanes.filter((lane) => !laneFilter || lane.id === laneFilter);
  const overdue = visible.filter((claim) => isOverdue(claim)).length;

  /** The server's answer replaces our copy; a 409 carries the claim as it is now. */
  const replaceClaim = useCallback(
    (fresh: Partial<QueueClaim> & { id: string }) =>
      update((list) => list.map((c) => (c.id === fresh.id ? { ...c, ...fresh } : c))),
    [update],
  );

  const write = useCallback(
    async (claim: QueueClaim, run: (version: number) => Promise<QueueClaim | object>) => {
      try {
        const fresh = (await run(claim.version)) as QueueClaim;
        replaceClaim(fresh);
        return fresh;
      } catch (caught) {
        const error = ApiError.from(caught);
        setErrors((current) => [...current, error]);
        const current = error.currentClaim;
        if (current) replaceClaim(current);
        else if (error.status === 404 || error.status === 409) reload();
        return undefined;
      }
    },
    [replaceClaim, reload],
  );

  const claimById = (claimId: string) => claims.data?.find((c) => c.id === claimId);

  const actions: BoardActions = {
    canAssign,
    assignable,
    selected,
    toggleSelected(claimId) {
      setSelected((current) => {
        const next = new Set(current);
        if (next.has(claimId)) next.delete(claimId);
        else next.add(claimId);
        return next;
      });
    },
    async toggleAssignee(claim, person) {
      setErrors([]);
      setNotice('');
      const assigned = claim.assignees.some((p) => p.id === person.id);
      const done = await write(claim, (version) =>
        assigned
          ? api.unassignClaim(claim.id, { version, reviewerIds: [person.id] })
          : api.assignClaim(claim.id, { version, reviewerIds: [person.id] }),
      );
      if (done) {
        setNotice(
          t(assigned ? 'board.notice.unassignedFrom' : 'board.notice.assigned', {
            quote: shortQuote(claim),
            name: person.name,
          }),
        );
      }
    },
    async moveTo(claimId, fromLaneId, lane) {
      setErrors([]);
      setNotice('');
      const claim = claimById(claimId);
      if (!claim || claim.status === 'approved') return;
      if (!lane.person) {
        if (claim.assignees.length === 0) return;
        const done = await write(claim, (version) =>
          api.unassignClaim(claim.id, {
            version,
            reviewerIds: claim.assignees.map((person) => person.id),
          }),
        );
        if (done) setNotice(t('board.notice.unassigned', { quote: shortQuote(claim) }));
        return;
      }
      const person = lane.person;
      let current: QueueClaim | undefined = claim;
      if (!claim.assignees.some((p) => p.id === person.id)) {
        current = await write(claim, (version) =>
          api.assignClaim(claim.id, { version, reviewerIds: [person.id] }),
        );
      }
      // Dragging from one person to another hands the claim over rather than sharing it.
      const from = current?.assignees.find((p) => p.id === fromLaneId);
      if (current && from) {
        const moved = current;
        current = await write(moved, (version) =>
          api.unassignClaim(moved.id, { version, reviewerIds: [from.id] }),
        );
      }
      if (current) {
        setNotice(
          from
            ? t('board.notice.moved', {
                quote: shortQuote(claim),
                from: from.name,
                name: person.name,
              })
            : t('board.notice.assigned', { quote: shortQuote(claim), name: person.name }),
        );
      }
    },
  };

  async function assignSelected(person: PersonRef, dueAt: string | undefined) {
    setErrors([]);
    setNotice('');
    let done = 0;
    for (const claimId of selected) {
      const claim = claimById(claimId);
      if (!claim) continue;
      const result = await write(claim, (version) =>
        api.assignClaim(claim.id, {
          version,
          reviewerIds: [person.id],
          ...(dueAt ? { dueAt } : {}),
        }),
      );
      if (result) done += 1;
    }
    setSelected(new Set());
    if (done > 0) {
      setNotice(t('board.notice.bulk', { count: done, name: person.name }));
    }
  }

  const loading = claims.loading || members.loading;

  return (
    <div className="page page-board">
      <div className="board-header">
        <PageHeader title={t('nav.board')} eyebrow={workspace.name}>
          <p>{canAssign ? t('board.intro.assign') : t('board.intro')}</p>
        </PageHeader>
        <button type="button" className="button button-secondary" onClick={reload}>
          {t('action.refresh')}
        </button>
      </div>

      <div className="board-filters">
        <div className="field">
          <label htmlFor={`${ids}-document`}>{t('documents.column.document')}</label>
          <select
            id={`${ids}-document`}
            value={documentFilter}
            onChange={(event) => setParam('document', event.target.value)}
          >
            <option value="">{t('board.allDocuments')}</option>
            {documents.map(([id, title]) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-reviewer`}>{t('role.reviewer')}</label>
          <select
            id={`${ids}-reviewer`}
            value={laneFilter}
            onChange={(event) => setParam('reviewer', event.target.value)}
          >
            <option value="">{t('board.everyone')}</option>
            {lanes.map((lane) => (
              <option key={lane.id} value={lane.id}>
                {lane.person?.name ?? t('board.unassigned')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-due`}>{t('board.due')}</label>
          <select
            id={`${ids}-due`}
            value={dueView}
            onChange={(event) =>
              setParam('due', event.target.value === 'all' ? '' : event.target.value)
            }
          >
            {DUE_VIEWS.map((view) => (
              <option key={view.value} value={view.value}>
                {claims.data
                  ? t('claims.optionCount', {
                      label: view.value === 'all' ? t('board.anyDue') : t(view.label),
                      count: claims.data.filter(view.matches).length,
                    })
                  : view.value === 'all'
                    ? t('board.anyDue')
                    : t(view.label)}
              </option>
            ))}
          </select>
        </div>
        {claims.data && (
          <p className="board-summary" role="status">
            {t('board.count', { count: visible.length })}
            {dueView === 'all' && overdue > 0 && (
              <span className="board-overdue">{t('board.overdueCount', { count: overdue })}</span>
            )}
            <span className="muted board-keys">{t('board.keys')}</span>
          </p>
        )}
      </div>

      {canAssign && selected.size > 0 && (
        <BulkAssignBar
          count={selected.size}
          people={assignable}
          onAssign={assignSelected}
          onClear={() => setSelected(new Set())}
        />
      )}

      {errors.map((error, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: errors are only ever replaced together
        <ErrorAlert key={index} error={error} />
      ))}
      <ErrorAlert error={claims.error ?? members.error} />
      <Notice>{notice}</Notice>
      {loading && <Loading label={t('board.loading')} />}

      {claims.data &&
        members.data &&
        (claims.data.length === 0 ? (
          <section className="panel welcome">
            <div className="welcome-icon" aria-hidden="true">
              <Icon name="board" size={28} />
            </div>
            <h2>{t('claims.noneYet')}</h2>
            <p>{t('board.empty')}</p>
          </section>
        ) : (
          // The keys move focus between the cards' links; the board itself takes no focus.
          // biome-ignore lint/a11y/noStaticElementInteractions: keys bubble up from the links inside
          <div className="board" onKeyDown={moveBetweenCards}>
            <div className="board-status-row" aria-hidden="true">
              {CLAIM_STATUSES.map((status) => (
                <span key={status} className={`claim-status claim-status-${status}`}>
                  {statusLabel(intl, status)}
                </span>
              ))}
            </div>
            {shownLanes.map((lane) => (
              <BoardLane
                key={lane.id}
                lane={lane}
                claims={visible.filter((claim) =>
                  lane.person
                    ? claim.assignees.some((p) => p.id === lane.person?.id)
                    : claim.assignees.length === 0,
                )}
                scale={scale.data?.scale}
                showDocument={!documentFilter}
                actions={actions}
              />
            ))}
          </div>
        ))}
    </div>
  );
}
