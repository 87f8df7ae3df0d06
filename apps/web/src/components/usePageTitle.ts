// Names the browser tab (and the page for screen readers) after the current page.
import { useEffect } from 'react';

export function usePageTitle(...parts: Array<string | undefined>): void {
  const title = [...parts.filter(Boolean), 'Factdesk'].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
