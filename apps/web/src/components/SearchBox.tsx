// The search box of the app bar: searches the current workspace's claims, evidence, comments
// and documents' text. "/" focuses it from anywhere except while typing; Enter opens the
// results page, Escape leaves the box.
import { useEffect, useId, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useT } from '../i18n/useT.ts';
import { Icon } from './Icon.tsx';

/** Typing into a field, the editor or anything editable: "/" is a character there. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

export function SearchBox({ workspaceId }: { workspaceId: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  // On the results page the box shows what was searched.
  const onResults = location.pathname === `/w/${workspaceId}/search`;
  const searched = onResults ? (new URLSearchParams(location.search).get('q') ?? '') : '';
  const [draft, setDraft] = useState(searched);
  useEffect(() => setDraft(searched), [searched]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.defaultPrevented || isTyping(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <search className="topbar-search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const q = draft.trim();
          if (!q) return;
          // Filters chosen on the results page stay; a new search starts at the top.
          const params = onResults ? new URLSearchParams(location.search) : new URLSearchParams();
          params.set('q', q.slice(0, 200));
          navigate(`/w/${workspaceId}/search?${params}`);
        }}
      >
        <label htmlFor={id} className="visually-hidden">
          {t('search.box.label')}
        </label>
        <Icon name="search" size={16} />
        <input
          ref={input}
          id={id}
          type="search"
          name="q"
          value={draft}
          maxLength={200}
          autoComplete="off"
          placeholder={t('search.box.placeholder')}
          aria-keyshortcuts="/"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') input.current?.blur();
          }}
        />
        <span className="topbar-search-key" aria-hidden="true">
          /
        </span>
      </form>
    </search>
  );
}
