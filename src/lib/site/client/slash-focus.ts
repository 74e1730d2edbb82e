/** Browser helper: the `/` key focuses the search box, unless the reader is typing somewhere. */

/** True when the key event happens while the focus is in a text field or editable element. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  return (
    el.isContentEditable ||
    el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null
  );
}

/** Installs the `/` shortcut on `doc`, focusing the element with id `inputId`. */
export function focusSearchOnSlash(doc: Document, inputId: string): void {
  doc.addEventListener('keydown', (event) => {
    if (
      event.key !== '/' ||
      event.ctrlKey ||
      event.metaKey ||
      event.altKey ||
      isTyping(event.target)
    )
      return;
    // The search page has its own box; prefer it when present.
    const target =
      (doc.getElementById('search-q') as HTMLInputElement | null) ??
      (doc.getElementById(inputId) as HTMLInputElement | null);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.select();
  });
}
