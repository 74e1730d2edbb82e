/**
 * The index page's filters (service, severity, failure mode, year): pure matching and query-string
 * handling, plus the small browser wiring. Without JavaScript the form stays hidden and every review shows.
 */

export const FILTER_KEYS = ['service', 'severity', 'mode', 'year'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** What a list item exposes (from its data-* attributes). */
export interface FilterableItem {
  services: string[];
  severity: string;
  modes: string[];
  year: string;
}

/** Reads the filters from a query string (`?service=payments-api&year=2025`); unknown keys and empty values are ignored. */
export function parseFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** Writes the filters back into a query string, keeping any other parameters. `''` when none. */
export function filtersToSearch(filters: Filters, existing = ''): string {
  const params = new URLSearchParams(existing);
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
    else params.delete(key);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** True when the item passes every set filter. */
export function matchesFilters(item: FilterableItem, filters: Filters): boolean {
  return (
    (!filters.service || item.services.includes(filters.service)) &&
    (!filters.severity || item.severity === filters.severity) &&
    (!filters.mode || item.modes.includes(filters.mode)) &&
    (!filters.year || item.year === filters.year)
  );
}

/** The list item's filterable values, from `data-services="a b"`, `data-severity`, `data-modes`, `data-year`. */
export function itemOf(el: HTMLElement): FilterableItem {
  const words = (v: string | undefined) => (v ? v.split(' ').filter(Boolean) : []);
  return {
    services: words(el.dataset.services),
    severity: el.dataset.severity ?? '',
    modes: words(el.dataset.modes),
    year: el.dataset.year ?? '',
  };
}

/** The filter selects of a form, in FILTER_KEYS order. */
export const filterSelects = (
  form: HTMLFormElement,
  win: Window & typeof globalThis,
): HTMLSelectElement[] =>
  FILTER_KEYS.map((key) => form.elements.namedItem(key)).filter(
    (el): el is HTMLSelectElement => el instanceof win.HTMLSelectElement,
  );

/**
 * Wires a filter form: restores the filters from the query string, shows the form, and on every
 * change (or reset) keeps the query string in step and calls `apply` with the chosen filters.
 * Used by the one-page list and the paged home page alike.
 */
export function wireFilterForm(
  form: HTMLFormElement,
  selects: readonly HTMLSelectElement[],
  win: Window & typeof globalThis,
  apply: (filters: Filters) => void,
): void {
  const current = (): Filters =>
    Object.fromEntries(selects.filter((s) => s.value).map((s) => [s.name, s.value])) as Filters;
  const initial = parseFilters(win.location.search);
  for (const select of selects) {
    const value = initial[select.name as FilterKey];
    if (value && [...select.options].some((o) => o.value === value)) select.value = value;
  }
  form.hidden = false;
  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', () => {
    const filters = current();
    win.history.replaceState(
      null,
      '',
      `${win.location.pathname}${filtersToSearch(filters, win.location.search)}${win.location.hash}`,
    );
    apply(filters);
  });
  form.addEventListener('reset', () => {
    win.setTimeout(() => form.dispatchEvent(new win.Event('change')), 0);
  });
  apply(current());
}

/** Wires the filter form to the list: filters on change, keeps the query string in the URL. */
export function installIndexFilters(
  form: HTMLFormElement,
  items: HTMLElement[],
  status: HTMLElement,
  win: Window & typeof globalThis,
): void {
  const parsed = items.map((el) => ({ el, item: itemOf(el) }));
  wireFilterForm(form, filterSelects(form, win), win, (filters) => {
    let shown = 0;
    for (const { el, item } of parsed) {
      const show = matchesFilters(item, filters);
      el.hidden = !show;
      if (show) shown++;
    }
    status.textContent = Object.keys(filters).length
      ? `${shown} of ${items.length} reviews match`
      : `${items.length} reviews`;
  });
}
