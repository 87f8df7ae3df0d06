// The connection as a person needs to know it: live and saved, saving, reconnecting, offline
// (edits are kept in this tab and sent when the network is back), or closed and why.
import type { ConnectionState } from '../../editor/DocumentConnection.ts';

function describe(state: ConnectionState, writable: boolean): { tone: string; text: string } {
  if (state.status === 'closed')
    return { tone: 'closed', text: state.closedReason ?? 'Disconnected' };
  if (state.status === 'offline') {
    return {
      tone: 'offline',
      text: writable && !state.saved ? 'Offline — your edits are kept and will sync' : 'Offline',
    };
  }
  if (state.status === 'connecting') return { tone: 'connecting', text: 'Reconnecting…' };
  if (!state.synced) return { tone: 'connecting', text: 'Loading the text…' };
  if (!state.saved) {
    // Read-only with edits of its own: the server drops them, "Saving…" would never end.
    return writable
      ? { tone: 'saving', text: 'Saving…' }
      : { tone: 'offline', text: 'Live · read-only: your recent changes are not saved' };
  }
  return { tone: 'live', text: writable ? 'Live · saved' : 'Live' };
}

export function ConnectionBadge({
  state,
  writable,
}: {
  state: ConnectionState;
  writable: boolean;
}) {
  const { tone, text } = describe(state, writable);
  return (
    <p className={`connection-badge connection-${tone}`} role="status" data-status={state.status}>
      <span className="connection-dot" aria-hidden="true" />
      {text}
    </p>
  );
}
