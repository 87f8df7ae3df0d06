// Selecting words in the article editor as a person dragging the mouse over them would, and
// waiting until the editor has taken the selection.
import type { Page } from 'playwright-core';

/** Selects the first occurrence of `text` in the article editor, as a person dragging would. */
export async function selectInEditor(on: Page, text: string): Promise<void> {
  const editor = on.locator('.ProseMirror');
  await editor.click();
  await editor.evaluate((root, wanted) => {
    // ProseMirror takes the DOM selection on the selectionchange event: resolved once that
    // event has been handled (its listeners run before this task).
    const taken = new Promise<void>((resolve) =>
      document.addEventListener('selectionchange', () => setTimeout(resolve, 0), { once: true }),
    );
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return taken;
    }
    throw new Error(`"${wanted}" is not in the editor`);
  }, text);
}
