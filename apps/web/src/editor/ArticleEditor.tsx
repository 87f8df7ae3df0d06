// The shared article: Tiptap on the document's Y.Doc (everyone's edits, carets and
// selections live), claims drawn as highlights, and "New claim" from a selection (the button
// beside it or Ctrl/⌘+Alt+C). When the text is locked or the reader may not edit, the text
// still takes a caret and a selection — claims are made on locked text — but no change.
import { ARTICLE_FIELD, articleExtensions, ClaimHighlights } from '@factdesk/editor/browser';
import type { Claim, ClaimAnchor, VerdictScale } from '@factdesk/model';
import { Extension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { Plugin } from '@tiptap/pm/state';
import { EditorContent, useEditor } from '@tiptap/react';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Icon } from '../components/Icon.tsx';
import { anchorOfSelection, highlightsOf, placeClaims } from './claimAnchors.ts';
import { CollaborationCarets } from './collaborationCarets.ts';
import type { DocumentConnection } from './DocumentConnection.ts';
import { PasteTooLargeDialog } from './PasteTooLargeDialog.tsx';
import { type OversizedPaste, PasteLimit, pasteInParts } from './pasteLimit.ts';
import './editor.css';
import { useIntl } from 'react-intl';
import { useT } from '../i18n/useT.ts';

export interface ArticleEditorHandle {
  /** The anchor of the current selection, or null. */
  selectionAnchor(): ClaimAnchor | null;
  /** Bring a claim's text into view. */
  scrollToClaim(claimId: string): void;
}

export interface ArticleEditorProps {
  connection: DocumentConnection;
  writable: boolean;
  claims: readonly Claim[];
  scale: VerdictScale;
  selectedClaimId: string | null;
  onClaimClick(claimId: string): void;
  /** Absent when the reader may not create claims. */
  onCreateClaim?: (anchor: ClaimAnchor) => void;
  /** Label of the editable region, e.g. the document title. */
  label: string;
}

const CREATE_SHORTCUT = 'Ctrl+Alt+C';

/** Refuses every change made in this editor while `isWritable()` is false; the socket's are kept. */
function readOnlyGuard(isWritable: () => boolean) {
  return Extension.create({
    name: 'readOnlyGuard',
    addProseMirrorPlugins() {
      return [
        new Plugin({
          filterTransaction: (tr) =>
            isWritable() || !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined,
          props: {
            handleDOMEvents: {
              // Typing, deleting, pasting and dropping all start here in Chromium and Firefox.
              beforeinput: (_view, event) => {
                if (isWritable()) return false;
                event.preventDefault();
                return true;
              },
            },
            handleKeyDown: (_view, event) => {
              // Undo would change the local copy only: the server drops a read-only edit.
              if (isWritable() || !(event.ctrlKey || event.metaKey)) return false;
              return ['z', 'y', 'Z', 'Y'].includes(event.key);
            },
          },
        }),
      ];
    },
  });
}

export const ArticleEditor = forwardRef<ArticleEditorHandle, ArticleEditorProps>(
  function ArticleEditor(props, ref) {
    const { connection, writable, claims, scale, selectedClaimId, label } = props;
    const latest = useRef(props);
    latest.current = props;
    const frame = useRef<HTMLDivElement>(null);
    const button = useRef<HTMLButtonElement>(null);
    const [selectionAt, setSelectionAt] = useState<{ top: number; left: number } | null>(null);
    const [oversized, setOversized] = useState<OversizedPaste | null>(null);
    const intl = useIntl();
    const t = useT();

    const extensions = useMemo(
      () => [
        ...articleExtensions,
        Collaboration.configure({ document: connection.doc, field: ARTICLE_FIELD }),
        CollaborationCarets.configure({ awareness: connection.provider.awareness }),
        ClaimHighlights.configure({
          onClaimClick: (claimId) => latest.current.onClaimClick(claimId),
        }),
        readOnlyGuard(() => latest.current.writable),
        PasteLimit.configure({
          limit: () => connection.maxMessageBytes,
          writable: () => latest.current.writable,
          onOversized: setOversized,
        }),
      ],
      [connection],
    );

    const editor = useEditor(
      {
        extensions,
        injectCSS: false,
        immediatelyRender: true,
        shouldRerenderOnTransaction: false,
        editorProps: {
          attributes: {
            class: 'article-text',
            'aria-label': label,
            'aria-multiline': 'true',
            role: 'textbox',
            spellcheck: 'false',
          },
          handleKeyDown: (_view, event) => {
            const create = latest.current.onCreateClaim;
            if (!create || !event.altKey || !(event.ctrlKey || event.metaKey)) return false;
            if (event.code !== 'KeyC') return false;
            const anchor =
              editorRef.current && anchorOfSelection(editorRef.current, connection.doc);
            if (anchor) create(anchor);
            return true;
          },
        },
      },
      [extensions],
    );
    const editorRef = useRef(editor);
    editorRef.current = editor;

    useEffect(() => {
      editor.view.dom.setAttribute('aria-readonly', String(!writable));
    }, [editor, writable]);
    // The editor's attributes are set once, at creation: a change of language renames it here.
    useEffect(() => {
      editor.view.dom.setAttribute('aria-label', label);
    }, [editor, label]);

    // Highlights follow the claims, the verdicts and the selection at once, and the text on
    // the next frame after it changes (mapped through the edit until then).
    const claimMap = useMemo(() => new Map(claims.map((claim) => [claim.id, claim])), [claims]);
    const refresh = useCallback(() => {
      if (editor.isDestroyed) return;
      const places = placeClaims(editor, connection.doc, claims);
      editor.commands.setClaimHighlights(
        highlightsOf(places, claimMap, scale, selectedClaimId, intl),
      );
    }, [editor, connection, claims, claimMap, scale, selectedClaimId, intl]);
    useEffect(refresh, [refresh]);
    useEffect(() => {
      let pending = 0;
      const schedule = () => {
        cancelAnimationFrame(pending);
        pending = requestAnimationFrame(refresh);
      };
      editor.on('update', schedule);
      return () => {
        cancelAnimationFrame(pending);
        editor.off('update', schedule);
      };
    }, [editor, refresh]);

    // The "New claim" button sits below the end of a non-empty selection.
    useEffect(() => {
      const place = () => {
        const { from, to, empty } = editor.state.selection;
        const box = frame.current?.getBoundingClientRect();
        if (empty || !box || !latest.current.onCreateClaim || from === to) {
          setSelectionAt(null);
          return;
        }
        const end = editor.view.coordsAtPos(to);
        setSelectionAt({
          top: end.bottom - box.top + 6,
          left: Math.max(0, end.left - box.left - 40),
        });
      };
      const hide = () => {
        // Keep it while focus moves to the button itself.
        requestAnimationFrame(() => {
          if (document.activeElement !== button.current && !editor.isFocused) setSelectionAt(null);
        });
      };
      editor.on('selectionUpdate', place);
      editor.on('blur', hide);
      return () => {
        editor.off('selectionUpdate', place);
        editor.off('blur', hide);
      };
    }, [editor]);

    useEffect(() => {
      if (!button.current) return;
      button.current.style.top = `${selectionAt?.top ?? 0}px`;
      button.current.style.left = `${selectionAt?.left ?? 0}px`;
    }, [selectionAt]);

    useImperativeHandle(
      ref,
      () => ({
        selectionAnchor: () => anchorOfSelection(editor, connection.doc),
        scrollToClaim(claimId) {
          const target = editor.view.dom.querySelector(`[data-claim-id="${CSS.escape(claimId)}"]`);
          target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
        },
      }),
      [editor, connection],
    );

    const createFromSelection = () => {
      const anchor = anchorOfSelection(editor, connection.doc);
      if (anchor) props.onCreateClaim?.(anchor);
      setSelectionAt(null);
    };

    return (
      <div className="article-frame" ref={frame}>
        <EditorContent editor={editor} />
        {props.onCreateClaim && (
          <button
            ref={button}
            type="button"
            className="button button-primary new-claim-button"
            hidden={selectionAt === null}
            onMouseDown={(event) => event.preventDefault()}
            onClick={createFromSelection}
            aria-keyshortcuts="Control+Alt+C"
            title={t('editor.newClaimTitle', { shortcut: CREATE_SHORTCUT })}
          >
            <Icon name="plus" />
            {t('claim.new')}
          </button>
        )}
        <PasteTooLargeDialog
          paste={oversized}
          onPasteInParts={(parts, onProgress) => pasteInParts(editor, parts, onProgress)}
          onClose={() => setOversized(null)}
        />
      </div>
    );
  },
);
