/**
 * The search page: Pagefind's JS API (the site's own /pagefind/ bundle) behind Casebook's own
 * form. The query and the chosen filters live in the URL (`?q=…&service=…&severity=…`), so a
 * filtered search can be shared; filter options with no matching review are hidden; each result
 * shows severity, date, services and failure modes. Before asking Pagefind, the query's words are
 * checked against the site's vocabulary (/search-vocabulary.json, built at build time): when no
 * review mentions them the page says so, with "did you mean" spellings from that vocabulary.
 * The header's search box and this page's box stay in step.
 */
import { escapeHtml, severityBadge } from '../format.ts';
import { indexVocabulary, unknownWords, type Vocabulary } from '../vocabulary.ts';

/** The search term in a query string (`?q=…`), trimmed; '' when absent. */
export const queryOf = (search: string): string =>
  (new URLSearchParams(search).get('q') ?? '').trim();

/** The Pagefind filters shown, in order: URL parameter ↔ Pagefind filter name and label. */
export const FILTERS = [
  { param: 'mode', name: 'failure mode', label: 'Failure mode' },
  { param: 'service', name: 'service', label: 'Service' },
  { param: 'severity', name: 'severity', label: 'Severity' },
  { param: 'year', name: 'year', label: 'Year' },
] as const;

export type Selection = Record<string, string[]>;

/** The chosen filters in a query string, by Pagefind filter name. */
export function selectionOf(search: string): Selection {
  const params = new URLSearchParams(search);
  const out: Selection = {};
  for (const f of FILTERS) {
    const values = params.getAll(f.param).filter(Boolean);
    if (values.length) out[f.name] = values;
  }
  return out;
}

/** The query string for a query and filters (`q` first, filters in FILTERS order). */
export function searchOf(query: string, selection: Selection): string {
  const params = new URLSearchParams();
  if (query.trim()) params.set('q', query.trim());
  for (const f of FILTERS) for (const v of selection[f.name] ?? []) params.append(f.param, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * The chosen filters that name real options, spelled as the site spells them ("sev2" → "SEV2"),
 * and the `param=value` pairs that name none (a stale or mistyped shared URL): those are dropped
 * rather than hiding every result behind a box the reader cannot untick.
 */
export function knownSelection(
  selection: Selection,
  options: Record<string, Record<string, number>>,
): { selection: Selection; dropped: string[] } {
  const out: Selection = {};
  const dropped: string[] = [];
  for (const f of FILTERS) {
    const known = Object.keys(options[f.name] ?? {});
    for (const value of selection[f.name] ?? []) {
      const match = known.find((k) => k.toLowerCase() === value.trim().toLowerCase());
      if (match) out[f.name] = [...new Set([...(out[f.name] ?? []), match])];
      else dropped.push(`${f.param}=${value}`);
    }
  }
  return { selection: out, dropped };
}

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
interface PagefindSearch {
  results: { id: string; data(): Promise<PagefindResultData> }[];
  filters: Record<string, Record<string, number>>;
  unfilteredResultCount: number;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  search(term: string | null, o?: { filters?: unknown; sort?: unknown }): Promise<PagefindSearch>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

const PAGE = 10;

function resultHtml(r: PagefindResultData): string {
  const m = r.meta;
  const parts = [
    m.status
      ? `<span class="status-pill status-pill--imported">${escapeHtml(m.status)}</span>`
      : '',
    m.severity ? `<span class="sev-text">${escapeHtml(severityBadge(m.severity).text)}</span>` : '',
    m.date ? `<time datetime="${escapeHtml(m.date)}">${escapeHtml(m.date)}</time>` : '',
    m.services ? `<span>${escapeHtml(m.services)}</span>` : '',
  ].filter(Boolean);
  // Pagefind's excerpt is escaped text with <mark> around the matched words.
  const excerpt = r.excerpt.replace(/<(?!\/?mark>)/g, '&lt;');
  return `<li class="search-result">
  <a class="search-result__title" href="${escapeHtml(r.url)}">${escapeHtml(m.title ?? r.url)}</a>
  <p class="search-result__meta">${parts.join(' · ')}</p>
  ${m.modes ? `<p class="search-result__modes">Failure modes: ${escapeHtml(m.modes)}</p>` : ''}
  <p class="search-result__excerpt">${excerpt}</p>
</li>`;
}

export interface SearchPageOptions {
  bundlePath: string;
  vocabularyUrl: string;
}

/** Wires the search page (form `#search-form`, box `#search-q`, filters, results, status). */
export async function startSearchPage(win: Window, options: SearchPageOptions): Promise<void> {
  const doc = win.document;
  const form = doc.getElementById('search-form') as HTMLFormElement | null;
  const input = doc.getElementById('search-q') as HTMLInputElement | null;
  const filtersBox = doc.getElementById('search-filters');
  const list = doc.getElementById('search-results');
  const status = doc.getElementById('search-status');
  const more = doc.getElementById('search-more') as HTMLButtonElement | null;
  const header = doc.getElementById('site-search') as HTMLInputElement | null;
  if (!form || !input || !filtersBox || !list || !status || !more) return;

  let query = queryOf(win.location.search);
  let selection = selectionOf(win.location.search);
  input.value = query;
  if (header) header.value = query;
  // The two boxes mirror each other from the start, before the search bundle has loaded.
  input.addEventListener('input', () => {
    if (header) header.value = input.value;
  });
  header?.addEventListener('input', () => {
    input.value = header.value;
    input.dispatchEvent(new Event('input'));
  });

  let pagefind: Pagefind;
  try {
    const url = options.bundlePath + 'pagefind.js';
    pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
    await pagefind.options({ excerptLength: 24 });
  } catch {
    status.textContent = 'The search index is missing: build the site with `npm run build`.';
    return;
  }
  const vocabulary = fetch(options.vocabularyUrl)
    .then((r) => (r.ok ? (r.json() as Promise<Vocabulary>) : undefined))
    .then((v) => (v ? indexVocabulary(v) : undefined))
    .catch(() => undefined);
  const totals = await pagefind.filters();
  const checked = knownSelection(selection, totals);
  selection = checked.selection;
  const droppedNote = checked.dropped.length
    ? ` Left out filters that match no review: ${checked.dropped.join(', ')}.`
    : '';

  const renderFilters = (counts: Record<string, Record<string, number>>) => {
    filtersBox.innerHTML = FILTERS.map((f) => {
      const all = totals[f.name] ?? {};
      const chosen = new Set(selection[f.name] ?? []);
      const values = Object.keys(all)
        .filter((v) => (counts[f.name]?.[v] ?? 0) > 0 || chosen.has(v))
        .sort((a, b) => (f.name === 'year' ? b.localeCompare(a) : a.localeCompare(b)));
      if (!values.length) return '';
      const items = values
        .map((v) => {
          const id = `f-${f.param}-${v.replace(/[^a-z0-9]+/gi, '-')}`;
          return `<li><input type="checkbox" id="${escapeHtml(id)}" data-filter="${escapeHtml(f.name)}" value="${escapeHtml(v)}"${chosen.has(v) ? ' checked' : ''}><label for="${escapeHtml(id)}">${escapeHtml(v)} <span class="muted">(${counts[f.name]?.[v] ?? 0})</span></label></li>`;
        })
        .join('');
      return `<fieldset class="search-filter"><legend>${f.label}</legend><ul>${items}</ul></fieldset>`;
    }).join('');
  };

  let shown = 0;
  let current: PagefindSearch | undefined;
  let run = 0;
  const showMore = async () => {
    const search = current;
    if (!search) return;
    const slice = search.results.slice(shown, shown + PAGE);
    const data = await Promise.all(slice.map((r) => r.data()));
    if (search !== current) return; // a newer search replaced this one meanwhile
    list.insertAdjacentHTML('beforeend', data.map(resultHtml).join(''));
    shown += slice.length;
    more.hidden = shown >= search.results.length;
  };

  const update = async (push: boolean) => {
    const mine = ++run;
    const search = searchOf(query, selection);
    if (push) win.history.replaceState(null, '', `${win.location.pathname}${search}`);
    const filters = Object.fromEntries(
      Object.entries(selection).map(([name, values]) => [name, { any: values }]),
    );
    const hasFilters = Object.keys(filters).length > 0;
    if (!query && !hasFilters) {
      list.innerHTML = '';
      more.hidden = true;
      current = undefined;
      status.textContent = 'Type a word, an error string, a service or a failure mode.';
      renderFilters(totals);
      return;
    }
    const words = await vocabulary;
    const unknown = query && words ? unknownWords(query, words) : [];
    if (mine !== run) return;
    if (unknown.length) {
      const suggestions = unknown.flatMap((w) => words?.suggest(w, 2) ?? []);
      // The words the site does know, searched on their own, when they match something.
      const known = (words?.parts(query) ?? []).filter((p) => !unknownWords(p, words!).length);
      const rest = known.join(' ');
      const restCount = rest ? (await pagefind.search(rest, { filters })).results.length : 0;
      if (mine !== run) return;
      list.innerHTML = '';
      more.hidden = true;
      current = undefined;
      renderFilters(totals);
      const names = unknown.map((w) => `“${escapeHtml(w)}”`).join(', ');
      const didYouMean = suggestions.length
        ? ` Did you mean ${suggestions
            .map((s) => {
              const fixed = unknown.reduce(
                (q, w) => (words?.suggest(w, 2).includes(s) ? q.replace(new RegExp(w, 'i'), s) : q),
                query,
              );
              return `<a href="${escapeHtml(win.location.pathname + searchOf(fixed, selection))}">${escapeHtml(s)}</a>`;
            })
            .join(' or ')}?`
        : '';
      const alone = restCount
        ? ` Or search for <a href="${escapeHtml(win.location.pathname + searchOf(rest, selection))}">${escapeHtml(rest)}</a> (${restCount}) alone.`
        : '';
      status.innerHTML = `No match: no review mentions ${names}.${didYouMean}${alone}`;
      return;
    }
    const sort = query ? undefined : { date: 'desc' };
    const result = await pagefind.search(query || null, { filters, sort });
    // A chosen group's options are counted without that group's own filter, so the reader sees
    // what ticking another severity (or service…) would add, not only what is already ticked.
    const counts = { ...result.filters };
    for (const name of Object.keys(filters)) {
      const others = Object.fromEntries(Object.entries(filters).filter(([n]) => n !== name));
      const wider = await pagefind.search(query || null, { filters: others });
      counts[name] = wider.filters[name] ?? {};
    }
    // Nothing mentions all the words: count each part (a label such as "clock skew", or a word)
    // on its own, so the reader can search the part that does match.
    const parts = !result.results.length && query && words ? words.parts(query) : ([] as string[]);
    const partCounts =
      parts.length > 1
        ? await Promise.all(
            parts.map(async (part) => ({
              part,
              n: (await pagefind.search(part, { filters })).results.length,
            })),
          )
        : [];
    if (mine !== run) return;
    current = result;
    shown = 0;
    list.innerHTML = '';
    renderFilters(query || hasFilters ? counts : totals);
    await showMore();
    if (mine !== run) return;
    // The status is written last: when it names the query, the first results are listed.
    const n = result.results.length;
    if (n) {
      status.textContent = `${n} review${n === 1 ? '' : 's'}${query ? ` for “${query}”` : ''}.`;
      return;
    }
    const scope = hasFilters ? ' with these filters' : '';
    const found = partCounts.filter((p) => p.n > 0);
    status.innerHTML = found.length
      ? `No review mentions all of “${escapeHtml(query)}”${scope}. Search for one part: ${found
          .map(
            (p) =>
              `<a href="${escapeHtml(win.location.pathname + searchOf(p.part, selection))}">${escapeHtml(p.part)}</a> (${p.n})`,
          )
          .join(' · ')}.`
      : escapeHtml(`No review matches${query ? ` “${query}”` : ''}${scope}.`);
  };

  // Typing searches after a pause; Enter searches at once and cancels the pending one, so a
  // finished list is never cleared and redrawn by a second search for the same words.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const searchNow = () => {
    clearTimeout(timer);
    const next = input.value.trim();
    if (next === query && current) return;
    query = next;
    void update(true);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    searchNow();
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(searchNow, 200);
  });
  header?.form?.addEventListener('submit', (e) => {
    e.preventDefault();
    input.value = header.value;
    searchNow();
  });
  filtersBox.addEventListener('change', (e) => {
    const box = e.target as HTMLInputElement;
    const name = box.dataset.filter;
    if (!name) return;
    const values = new Set(selection[name] ?? []);
    if (box.checked) values.add(box.value);
    else values.delete(box.value);
    selection = { ...selection, [name]: [...values] };
    if (!values.size) delete selection[name];
    void update(true);
  });
  more.addEventListener('click', () => void showMore());
  // The first search says which filters of the URL it left out, and writes the URL it used.
  const asked = searchOf(queryOf(win.location.search), selectionOf(win.location.search));
  await update(searchOf(query, selection) !== asked);
  if (droppedNote) status.insertAdjacentText('beforeend', droppedNote);
}
