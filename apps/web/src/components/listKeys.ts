// Keyboard movement through a list of links (search hits, queue cards, board cards): ↓/↑ or
// j/k go to the next or previous link, staying put at either end; Tab still leaves the list.
import type { KeyboardEvent } from 'react';

const STEPS: Record<string, number> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 };
/** Where cards also run across (the board's status columns), → and ← step too. */
const ACROSS_STEPS: Record<string, number> = { ...STEPS, ArrowRight: 1, ArrowLeft: -1 };

/** A keydown handler for the list's container; `selector` picks the links to move between. */
export function moveBetweenLinks(selector: string, options: { across?: boolean } = {}) {
  const steps = options.across ? ACROSS_STEPS : STEPS;
  return (event: KeyboardEvent<HTMLElement>) => {
    const step = steps[event.key];
    if (step === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>(selector)];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    event.preventDefault();
    links[Math.min(Math.max(at + step, 0), links.length - 1)]?.focus();
  };
}
