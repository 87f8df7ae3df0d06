// The document page's connection over its life: opened once, kept in this browser's IndexedDB
// while the person may edit (deleted as soon as they may not), and replaced by a fresh Y.Doc
// when the server refuses the copy (close 4409) — never reconnected with the refused changes.
// What a discarded copy held that the server lacks is handed back as `unkept`, to offer it.
import { ARTICLE_FIELD } from '@factdesk/editor/browser';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { type ConnectionState, DocumentConnection } from '../../editor/DocumentConnection.ts';
import { takeLocalCopy } from '../../editor/localCopies.ts';
import { localCopyName } from '../../editor/localCopyNames.ts';
import { unkeptText } from '../../editor/unkeptText.ts';
import { useMe } from '../../state/SessionProvider.tsx';

/** Text the person typed that the server did not keep, and why. */
export interface UnkeptChanges {
  /**
   * `refused`: the server refused this copy (typed while read-only, or from another
   * document's history). `readOnly`: this browser kept offline edits of a document the
   * person may no longer edit, so they were not sent.
   */
  reason: 'refused' | 'readOnly';
  /** The passages, in text order; empty when nothing typed was lost (deletions only). */
  passages: string[];
}

interface Discarded {
  doc: Y.Doc;
  reason: UnkeptChanges['reason'];
}

export interface DocumentConnectionHandle {
  connection: DocumentConnection;
  state: ConnectionState;
  unkept: UnkeptChanges | null;
  dismissUnkept(): void;
}

/** `writable`: the person may edit the text now (their role, and the text not locked). */
export function useDocumentConnection(
  documentId: string,
  writable: boolean,
): DocumentConnectionHandle {
  const me = useMe();
  const copyName = localCopyName(me.user.id, documentId);
  const open = useCallback(
    () => new DocumentConnection(documentId, { userId: me.user.id, name: me.user.displayName }),
    [documentId, me.user.id, me.user.displayName],
  );
  const [connection, setConnection] = useState(open);
  const state = useSyncExternalStore(
    useCallback(
      (listener: () => void) => {
        const stop = connection.onState(listener);
        return () => {
          stop();
        };
      },
      [connection],
    ),
    () => connection.getState(),
  );
  const [discarded, setDiscarded] = useState<Discarded | null>(null);
  const [unkept, setUnkept] = useState<UnkeptChanges | null>(null);

  useEffect(() => () => connection.destroy(), [connection]);

  // Only a writable document is kept in this browser; losing the right to write deletes it.
  useEffect(() => {
    void connection.keepLocalCopy(writable ? copyName : null);
  }, [connection, writable, copyName]);

  // Opened read-only: a copy an earlier visit kept (offline edits made while the person could
  // still write) is deleted unsent — and what it held that the server lacks is shown.
  const [writableAtOpen] = useState(writable);
  useEffect(() => {
    if (writableAtOpen) return;
    // Not cancelled on cleanup: the copy is deleted once read, so a second run (React's
    // development double effects) finds nothing, and only the first can tell what it held.
    void takeLocalCopy(copyName).then((doc) => {
      if (doc) setDiscarded({ doc, reason: 'readOnly' });
    });
  }, [writableAtOpen, copyName]);

  // Refused: discard this Y.Doc (and its stored copy) and load the text again in a new one.
  useEffect(() => {
    if (!state.refused) return;
    let current = true;
    void connection.discard().then((held) => {
      if (!current) {
        held.destroy();
        return;
      }
      setDiscarded({ doc: held, reason: 'refused' });
      setConnection(open());
    });
    return () => {
      current = false;
    };
  }, [connection, state.refused, open]);

  // Once the server's text is here, what the discarded copy held beyond it is the loss.
  useEffect(() => {
    if (!discarded || !state.synced) return;
    const passages = unkeptText(discarded.doc, connection.doc, ARTICLE_FIELD);
    discarded.doc.destroy();
    setDiscarded(null);
    // A refusal is always told; a read-only copy only when it held something new.
    if (discarded.reason === 'refused' || passages.length > 0) {
      setUnkept({ reason: discarded.reason, passages });
    }
  }, [discarded, state.synced, connection]);

  // Leaving with edits the server has not stored yet (offline, or within the save window):
  // the browser asks first. They are in IndexedDB too, but would wait for the next visit.
  useEffect(() => {
    if (state.saved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state.saved]);

  const dismissUnkept = useCallback(() => setUnkept(null), []);
  return { connection, state, unkept, dismissUnkept };
}
