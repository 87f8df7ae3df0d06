// Closes a disclosure popup (workspace switcher, account menu) the way people expect: on
// Escape (focus returns to its button), on a click outside, and when focus leaves it.
import { type RefObject, useEffect } from 'react';

export function useDismiss(
  open: boolean,
  close: () => void,
  container: RefObject<HTMLElement | null>,
  trigger: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    if (!open) return;
    const outside = (target: EventTarget | null) =>
      !(target instanceof Node && container.current?.contains(target));
    function onPointerDown(event: PointerEvent) {
      if (outside(event.target)) close();
    }
    function onFocusIn(event: FocusEvent) {
      if (outside(event.target)) close();
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape') return;
      close();
      trigger.current?.focus();
    }
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open, close, container, trigger]);
}
