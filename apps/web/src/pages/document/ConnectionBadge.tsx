// The connection as a person needs to know it: live and saved, saving, reconnecting, offline
// (edits are kept in this tab and sent when the network is back), or closed and why.
import type { ConnectionState } from '../../editor/DocumentConnection.ts';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useT } from '../../i18n/useT.ts';

function describe(state: ConnectionState, writable: boolean): { tone: string; text: MessageId } {
  if (state.status === 'closed')
    return { tone: 'closed', text: state.closedReason ?? 'connection.disconnected' };
  if (state.status === 'offline') {
    return {
      tone: 'offline',
      text: writable && !state.saved ? 'connection.offlineKept' : 'connection.offline',
    };
  }
  if (state.status === 'connecting') return { tone: 'connecting', text: 'connection.reconnecting' };
  if (!state.synced) return { tone: 'connecting', text: 'connection.loadingText' };
  if (!state.saved) {
    // Read-only with edits of its own: the server drops them, "Saving…" would never end.
    return writable
      ? { tone: 'saving', text: 'connection.saving' }
      : { tone: 'offline', text: 'connection.readOnlyUnsaved' };
  }
  return { tone: 'live', text: writable ? 'connection.liveSaved' : 'connection.live' };
}

export function ConnectionBadge({
  state,
  writable,
}: {
  state: ConnectionState;
  writable: boolean;
}) {
  const t = useT();
  const { tone, text } = describe(state, writable);
  return (
    <p className={`connection-badge connection-${tone}`} role="status" data-status={state.status}>
      <span className="connection-dot" aria-hidden="true" />
      {t(text)}
    </p>
  );
}
