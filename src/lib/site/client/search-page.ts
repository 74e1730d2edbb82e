/** Browser wiring of the search page: Pagefind's default UI, started with the query from `?q=`. */

interface PagefindUIInstance {
  triggerSearch(term: string): void;
}
type PagefindUIConstructor = new (options: Record<string, unknown>) => PagefindUIInstance;

/** The search term in a query string (`?q=…`), trimmed; '' when absent. */
export const queryOf = (search: string): string =>
  (new URLSearchParams(search).get('q') ?? '').trim();

/** Starts Pagefind UI in `selector`, runs `?q=` and keeps the URL's `q` in step with the search box. */
export function startSearchPage(
  win: Window & { PagefindUI?: PagefindUIConstructor },
  selector: string,
): void {
  const PagefindUI = win.PagefindUI;
  const container = win.document.querySelector(selector);
  if (!PagefindUI || !container) {
    if (container)
      container.textContent = 'The search index is missing: build the site with `npm run build`.';
    return;
  }
  const ui = new PagefindUI({
    element: selector,
    showSubResults: true,
    showImages: false,
    pageSize: 10,
    autofocus: !queryOf(win.location.search),
  });
  const q = queryOf(win.location.search);
  const header = win.document.getElementById('site-search') as HTMLInputElement | null;
  if (header) header.value = q;
  if (q) ui.triggerSearch(q);
  // Keep ?q= in the URL as the reader types, so a search can be shared or reloaded.
  const input = container.querySelector<HTMLInputElement>(
    'input[type="text"], input[type="search"], .pagefind-ui__search-input',
  );
  input?.addEventListener('input', () => {
    const params = new URLSearchParams(win.location.search);
    if (input.value.trim()) params.set('q', input.value.trim());
    else params.delete('q');
    const search = params.toString();
    win.history.replaceState(null, '', `${win.location.pathname}${search ? `?${search}` : ''}`);
  });
}
