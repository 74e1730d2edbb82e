/**
 * The "Find similar incidents" page script: on the first query loads the static index's
 * manifest from /similar-index/ (same origin), then only the parts each query needs, and
 * matches pasted notes in the browser with the lexical embedder and the shared relevance rule
 * (src/lib/search/relevance.ts). No other request.
 */
import { fetchSource, staticMatcher, type BrowserHit } from '../../search/browser-match.ts';
import { NO_CLOSE_MATCH, strengthLabel } from '../../search/relevance.ts';
import { escapeHtml, inlineCodeHtml, severityBadge } from '../format.ts';

function renderHit(hit: BrowserHit, modeNames: Record<string, string>): string {
  const modes = hit.failureModes
    .map(
      (m) =>
        `<a class="chip chip--mode" href="/failure-modes/${encodeURIComponent(m)}/">${escapeHtml(modeNames[m] ?? m)}</a>`,
    )
    .join(' ');
  const snippets = hit.matchedSections
    .map(
      (s, i) =>
        `<li><strong>${escapeHtml(s)}:</strong> ${inlineCodeHtml(hit.snippets[i] ?? '')}</li>`,
    )
    .join('');
  return `<li class="similar-hit" data-id="${escapeHtml(hit.id)}">
  <a class="similar-hit__title" href="/reviews/${encodeURIComponent(hit.id)}/">${escapeHtml(hit.title)}</a>
  <p class="similar-hit__meta"><span class="match-strength match-strength--${hit.strength}">${strengthLabel(hit.strength)}</span> · ${escapeHtml(severityBadge(hit.severity).text)} · ${escapeHtml(hit.date)} · ${hit.services.map(escapeHtml).join(', ')}</p>
  <p class="similar-hit__why">${escapeHtml(hit.why)}</p>
  <p class="similar-hit__modes">${modes}</p>
  <ul class="similar-hit__snippets">${snippets}</ul>
</li>`;
}

/** Wires the form: `form` holds a textarea; results go in `results`. */
export function startSimilarPage(
  doc: Document,
  options: {
    form: string;
    results: string;
    status: string;
    /** The index folder's URL, ending in `/`. */
    indexUrl: string;
    modeNames: Record<string, string>;
  },
): void {
  const form = doc.querySelector<HTMLFormElement>(options.form);
  const results = doc.querySelector<HTMLElement>(options.results);
  const status = doc.querySelector<HTMLElement>(options.status);
  if (!form || !results || !status) return;
  const matcher = staticMatcher(fetchSource(options.indexUrl));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const notes = (form.querySelector('textarea')?.value ?? '').slice(0, 1024 * 1024);
    if (!notes.trim()) {
      status.textContent =
        'Paste some notes first: symptoms, error messages, services, recent changes.';
      results.innerHTML = '';
      return;
    }
    status.textContent = 'Matching…';
    try {
      const hits = await matcher(notes, 5);
      results.innerHTML = hits.map((h) => renderHit(h, options.modeNames)).join('');
      status.textContent = hits.length
        ? `${hits.length} similar incident${hits.length > 1 ? 's' : ''}.`
        : NO_CLOSE_MATCH;
    } catch (error) {
      status.textContent = `Matching failed: ${(error as Error).message}.`;
    }
  });
}
