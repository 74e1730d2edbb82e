/**
 * The home page's filters when the listing has more than one page: with a filter set, the
 * compact rows of `/review-index.json` (loaded once, on first use) are matched with the same
 * `matchesFilters` as the one-page filters and shown as result rows in place of the page's
 * cards; with no filter, the page's own cards and pager come back. The query string keeps the
 * filters, as on a single page.
 */
import { filterSelects, matchesFilters, wireFilterForm, type Filters } from './review-filters.ts';
import type { ReviewIndexRow } from '../review-pages.ts';
import { failureModeHref, reviewHref, serviceHref, severityBadge } from '../format.ts';

/** The rows that pass every set filter, in their order (newest first). */
export const matchingRows = (rows: readonly ReviewIndexRow[], filters: Filters): ReviewIndexRow[] =>
  rows.filter((r) =>
    matchesFilters(
      { services: r.services, severity: r.severity, modes: r.modes, year: r.date.slice(0, 4) },
      filters,
    ),
  );

/** One result row: severity, date, title link, service and failure-mode chips. */
export function resultItem(
  doc: Document,
  row: ReviewIndexRow,
  modeNames: ReadonlyMap<string, string>,
): HTMLLIElement {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
    const node = doc.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const li = el('li', 'review-card review-card--row');
  const meta = el('div', 'review-card__meta');
  const sev = severityBadge(row.severity);
  const badge = el('span', `badge ${sev.cls}`, sev.text);
  badge.title = sev.title;
  const time = el('time', undefined, row.date);
  time.setAttribute('datetime', row.date);
  meta.append(badge, ' ', time);
  if (row.imported) meta.append(' ', el('span', 'status-pill status-pill--imported', 'Imported'));
  const title = el('h2', 'review-card__title');
  const link = el('a', undefined, row.title);
  link.href = reviewHref(row.id);
  title.append(link);
  const tags = el('p', 'review-card__tags');
  for (const service of row.services) {
    const chip = el('a', 'chip chip--service', service);
    chip.href = serviceHref(service);
    tags.append(chip, ' ');
  }
  for (const mode of row.modes) {
    const chip = el('a', 'chip chip--mode', modeNames.get(mode) ?? mode);
    chip.href = failureModeHref(mode);
    tags.append(chip, ' ');
  }
  li.append(meta, title, tags);
  return li;
}

/** Wires the filter form of a paged listing: `list` holds this page's cards, `pager` its links. */
export function installPagedFilters(
  form: HTMLFormElement,
  list: HTMLElement,
  pager: HTMLElement,
  status: HTMLElement,
  win: Window & typeof globalThis,
  options: { indexUrl: string; total: number },
): void {
  const doc = win.document;
  const selects = filterSelects(form, win);
  const modeSelect = selects.find((s) => s.name === 'mode');
  const modeNames = new Map(
    [...(modeSelect?.options ?? [])].filter((o) => o.value).map((o) => [o.value, o.text]),
  );
  const pageCards = [...list.children];
  const pageStatus = status.textContent ?? '';
  let rows: Promise<ReviewIndexRow[]> | undefined;
  let shown = 0;
  const load = () =>
    (rows ??= win.fetch(options.indexUrl).then((r) => {
      if (!r.ok) throw new Error(`${options.indexUrl}: HTTP ${r.status}`);
      return r.json() as Promise<ReviewIndexRow[]>;
    }));
  const apply = async (filters: Filters) => {
    const run = ++shown;
    if (!Object.keys(filters).length) {
      list.replaceChildren(...pageCards);
      pager.hidden = false;
      status.textContent = pageStatus;
      return;
    }
    status.textContent = 'Loading every review to filter…';
    try {
      const matches = matchingRows(await load(), filters);
      if (run !== shown) return; // a newer change won
      list.replaceChildren(...matches.map((row) => resultItem(doc, row, modeNames)));
      pager.hidden = true;
      status.textContent = `${matches.length} of ${options.total} reviews match`;
    } catch (error) {
      rows = undefined;
      status.textContent = `The filters could not load the review list (${(error as Error).message}). Reload the page to try again.`;
    }
  };
  wireFilterForm(form, selects, win, (filters) => void apply(filters));
}
