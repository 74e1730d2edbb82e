/**
 * The MCP tools: each a name, a description a model can act on, a zod input schema and a handler
 * over the `McpContext`. Handlers only read: nothing here writes a file. They throw
 * CasebookError with the CLI's messages for bad input; `server.ts` turns results and errors
 * into MCP tool results (redacted, bounded).
 */
import { z } from 'zod';
import { CasebookError, isCasebookError } from '../errors.ts';
import { isRealCalendarDate, SEVERITIES } from '../review/schema.ts';
import { nearestSlug } from '../review/taxonomy.ts';
import { plausibleRelated } from '../review/load.ts';
import { CANONICAL_HEADINGS, canonicalSection, sectionKey } from '../markdown/index.ts';
import { classifyParagraph, contentStems } from '../classify/index.ts';
import type { Review } from '../review/parse.ts';
import { reviewJson } from '../export/review-json.ts';
import { failureModeHref, reviewHref } from '../site/format.ts';
import { promptText } from '../draft/prompt.ts';
import { verifyDraft, verifyFailed } from '../draft/verify.ts';
import type { MatchHit } from '../search/match.ts';
import { NO_CLOSE_MATCH, strengthLabel } from '../search/relevance.ts';
import type { McpContext } from './context.ts';
import { bound, redactText } from './safety.ts';
import {
  DEFAULT_SEARCH_LIMIT,
  MAX_DRAFT_CHARS,
  MAX_NOTES_CHARS,
  MAX_QUERY_CHARS,
  MAX_SEARCH_RESULTS,
  MAX_SECTION_CHARS,
  MAX_SIMILAR,
} from './limits.ts';

export interface ToolDefinition<Shape extends z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  input: Shape;
  /** The result (JSON-serialisable), or a promise of it. Throws CasebookError on bad input. */
  run(ctx: McpContext, args: z.objectOutputType<Shape, z.ZodTypeAny>): unknown;
}

const define = <Shape extends z.ZodRawShape>(tool: ToolDefinition<Shape>) => tool;

const notesSchema = (what: string) =>
  z
    .string({ required_error: `${what} is required: pass the incident notes as text` })
    .max(
      MAX_NOTES_CHARS,
      `${what} is over ${MAX_NOTES_CHARS} characters; pass the relevant part (symptoms, errors, changes, findings)`,
    );

/** Redacts notes (the draft redaction) and rejects empty ones; logs only their size. */
async function cleanNotes(ctx: McpContext, tool: string, notes: string): Promise<string> {
  const redacted = await redactText(notes, ctx.redaction.notes);
  ctx.log(
    `${tool}: ${notes.length} characters of notes${redacted.count ? `, ${redacted.count} secret${redacted.count === 1 ? '' : 's'} redacted` : ''}.`,
  );
  if (!redacted.text.trim())
    throw new CasebookError(
      'INPUT_EMPTY',
      'the notes are empty. Pass a description of the incident: symptoms, errors, services.',
    );
  return redacted.text;
}

/** The corpus's spelling of a service name (case-insensitive), or USAGE with the nearest name. */
function knownService(ctx: McpContext, service: string): string {
  const wanted = service.trim().toLowerCase();
  const found = ctx.catalog.services.find((s) => s.toLowerCase() === wanted);
  if (found) return found;
  const near = nearestSlug(wanted, ctx.catalog.services);
  throw new CasebookError(
    'USAGE',
    `no review lists service "${service}"${near ? `; did you mean "${near}"?` : '.'} list_services gives every service name.`,
  );
}

/** A failure-mode slug from a slug or a name (case-insensitive), or USAGE with the nearest slug. */
function knownFailureMode(ctx: McpContext, mode: string): string {
  const wanted = mode.trim().toLowerCase();
  const found = ctx.corpus.taxonomy.find(
    (m) => m.slug === wanted || m.name.toLowerCase() === wanted,
  );
  if (found) return found.slug;
  const near = nearestSlug(
    wanted.replace(/\s+/g, '-'),
    ctx.corpus.taxonomy.map((m) => m.slug),
  );
  throw new CasebookError(
    'USAGE',
    `unknown failure mode "${mode}"${near ? `; did you mean "${near}"?` : '.'} list_failure_modes gives every slug.`,
  );
}

function parseSince(value: string): Date {
  const date =
    /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealCalendarDate(value)
      ? new Date(`${value}T00:00:00Z`)
      : new Date(NaN);
  if (Number.isNaN(date.getTime()))
    throw new CasebookError('USAGE', `since must be a date YYYY-MM-DD, got "${value}".`);
  return date;
}

const modeRef = (ctx: McpContext, slug: string) => ({
  slug,
  name: ctx.catalog.modeBySlug.get(slug)?.name ?? slug,
});

/** The review's services the notes name (word match, case-insensitive). */
function servicesNamedIn(notes: string, services: readonly string[]): string[] {
  const lower = notes.toLowerCase();
  return services.filter((s) => {
    const name = s.toLowerCase();
    let at = lower.indexOf(name);
    while (at >= 0) {
      const before = lower[at - 1] ?? ' ';
      const after = lower[at + name.length] ?? ' ';
      if (!/[\p{L}\p{N}_-]/u.test(before) && !/[\p{L}\p{N}_-]/u.test(after)) return true;
      at = lower.indexOf(name, at + 1);
    }
    return false;
  });
}

export const findSimilarIncidents = define({
  name: 'find_similar_incidents',
  title: 'Find similar past incidents',
  description:
    'Have we seen this before? Give the notes of an ongoing or recent incident (symptoms, error strings, metrics, services, recent changes, config keys and values) and get the most similar past incident reviews, best first, from the same hybrid vector + full-text search as `casebook match`. ' +
    'Only hits past the relevance cutoff are returned, each labelled "strong match" or "possible match"; an empty list means no close match. ' +
    "Each result has the review id, title, date, severity, score (higher is closer), why (the notes' words it matched and where), its failure modes and services, which of its services the notes name, the sections that matched with a snippet of each (why it matched), and a url when the site is configured. " +
    'Then call get_review with an id and sections ["Detailed mechanism", "Investigation path"] to read how it happened and which dead ends to skip. Secrets in the notes are redacted before use.',
  input: {
    notes: notesSchema('notes'),
    k: z
      .number()
      .int('k must be a whole number')
      .min(1, 'k must be at least 1')
      .max(MAX_SIMILAR, `k must be at most ${MAX_SIMILAR}`)
      .optional()
      .describe(`How many reviews to return (default 5, at most ${MAX_SIMILAR}).`),
    service: z
      .string()
      .max(200)
      .optional()
      .describe('Only reviews that list this service (a name from list_services).'),
    since: z
      .string()
      .max(40)
      .optional()
      .describe('Only reviews dated on or after this day, YYYY-MM-DD.'),
  },
  async run(ctx, args) {
    const notes = await cleanNotes(ctx, 'find_similar_incidents', args.notes);
    const service = args.service?.trim() ? knownService(ctx, args.service) : undefined;
    const since = args.since?.trim() ? parseSince(args.since.trim()) : undefined;
    const matcher = await ctx.matcher();
    const hits: MatchHit[] = await matcher.query(notes, { k: args.k ?? 5, service, since });
    return {
      results: hits.map((hit, i) => ({
        rank: i + 1,
        id: hit.id,
        title: hit.title,
        date: hit.date,
        severity: hit.severity,
        score: hit.score,
        ...(hit.strength ? { match: strengthLabel(hit.strength) } : {}),
        ...(hit.why ? { why: hit.why } : {}),
        ...(hit.matchedTerms ? { matchedTerms: hit.matchedTerms.slice(0, 12) } : {}),
        failureModes: hit.failureModes.map((m) => modeRef(ctx, m)),
        services: hit.services,
        servicesNamedInNotes: servicesNamedIn(notes, hit.services),
        matched: hit.matchedSections.map((section, j) => ({
          section,
          snippet: hit.snippets[j] ?? '',
        })),
        ...(ctx.urlOf(hit.id) ? { url: ctx.urlOf(hit.id) } : {}),
      })),
      ...(hits.length
        ? {}
        : {
            note: `${NO_CLOSE_MATCH}${service ? ` (service ${service})` : ''}${since ? ` (since ${args.since})` : ''} Try search_reviews with a key error string or config key.`,
          }),
    };
  },
});

export const searchReviews = define({
  name: 'search_reviews',
  title: 'Search incident reviews',
  description:
    "Full-text search over the incident reviews, over the same fields as the site's search: title, every section, timeline and action items, service names, failure-mode names, tags and ticket ids. " +
    'Best for exact terms: an error string, a config key, a metric, a host, a ticket id. Misspelt words the reviews do not contain are corrected to the nearest word they do (reported in corrections). ' +
    'Filters narrow the results; with filters, query may be empty to list matching reviews newest first. Each result has id, title, date, severity, services, failure modes, score, the best-matching section and a snippet, and a url when the site is configured.',
  input: {
    query: z
      .string({ required_error: 'query is required (it may be empty when a filter is given)' })
      .max(MAX_QUERY_CHARS, `query is over ${MAX_QUERY_CHARS} characters; search for key terms`)
      .describe('Words to search for, e.g. "max_client_conn cl_waiting" or "x509 expired".'),
    service: z.string().max(200).optional().describe('Only reviews that list this service.'),
    failureMode: z
      .string()
      .max(200)
      .optional()
      .describe('Only reviews with this failure mode (slug or name from list_failure_modes).'),
    severity: z
      .string()
      .max(20)
      .optional()
      .describe('Only reviews of this severity: SEV1 to SEV4.'),
    year: z
      .number()
      .int('year must be a whole number')
      .min(1970, 'year must be 1970 or later')
      .max(2100, 'year must be 2100 or earlier')
      .optional()
      .describe('Only reviews of incidents in this year.'),
    limit: z
      .number()
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(MAX_SEARCH_RESULTS, `limit must be at most ${MAX_SEARCH_RESULTS}`)
      .optional()
      .describe(
        `How many results (default ${DEFAULT_SEARCH_LIMIT}, at most ${MAX_SEARCH_RESULTS}).`,
      ),
  },
  run(ctx, args) {
    const severity = args.severity?.trim().toUpperCase();
    if (severity && !(SEVERITIES as readonly string[]).includes(severity))
      throw new CasebookError(
        'USAGE',
        `severity must be one of ${SEVERITIES.join(', ')}, got "${args.severity}".`,
      );
    const filters = {
      service: args.service?.trim() ? knownService(ctx, args.service) : undefined,
      failureMode: args.failureMode?.trim() ? knownFailureMode(ctx, args.failureMode) : undefined,
      severity: severity || undefined,
      year: args.year,
    };
    const hasFilter = Object.values(filters).some((v) => v !== undefined);
    if (!args.query.trim() && !hasFilter)
      throw new CasebookError(
        'INPUT_EMPTY',
        'the query is empty. Pass words to search for, or a filter (service, failureMode, severity, year).',
      );
    const result = ctx.search.search(args.query, filters, args.limit ?? DEFAULT_SEARCH_LIMIT);
    return {
      total: result.total,
      ...(Object.keys(result.corrections).length ? { corrections: result.corrections } : {}),
      results: result.hits.map((hit) => ({
        ...hit,
        failureModes: hit.failureModes.map((m) => modeRef(ctx, m)),
        ...(ctx.urlOf(hit.id) ? { url: ctx.urlOf(hit.id) } : {}),
      })),
      ...(result.total ? {} : { note: 'No review matches. Try other words or fewer filters.' }),
    };
  },
});

function findReview(ctx: McpContext, id: string): Review {
  const review = ctx.catalog.byId.get(id.trim());
  if (review) return review;
  const ids = ctx.reviews.map((r) => r.id);
  const near = plausibleRelated(id, nearestSlug(id.trim(), ids));
  throw new CasebookError(
    'FILE_NOT_FOUND',
    `no review "${id}" in ${ctx.contentDir}${near ? `; did you mean "${near}"?` : '.'} find_similar_incidents and search_reviews give review ids.`,
  );
}

/** Parts of a review that live in its front matter (always returned), not in a section. */
const FRONT_MATTER_SLOTS: Partial<Record<string, string>> = {
  timeline: 'timeline',
  actionItems: 'actionItems',
  impact: 'impact',
};

/**
 * The index of the review's section a requested name means: the heading as written; else the
 * canonical section its wording names ("Root cause" → Detailed mechanism); else the one section
 * whose heading holds most of its words ("systemic" → Systemic factors); else the section the
 * shared paragraph classifier reads the words as ("dead ends" → Investigation path).
 */
function sectionIndex(review: Review, name: string): number | undefined {
  const byKey = new Map(review.sections.map((s, i) => [s.key, i]));
  const direct = byKey.get(sectionKey(name)) ?? byKey.get(canonicalSection(name)?.key ?? '');
  if (direct !== undefined) return direct;
  const wanted = new Set(contentStems(name));
  let best: number | undefined;
  let bestCount = 0;
  let tied = false;
  review.sections.forEach((section, i) => {
    const count = contentStems(section.heading).filter((w) => wanted.has(w)).length;
    if (count > bestCount) [best, bestCount, tied] = [i, count, false];
    else if (count > 0 && count === bestCount) tied = true;
  });
  if (best !== undefined && !tied) return best;
  const slot = classifyParagraph(name)?.slot;
  return slot ? byKey.get(sectionKey(CANONICAL_HEADINGS[slot])) : undefined;
}

export const getReview = define({
  name: 'get_review',
  title: 'Read an incident review',
  description:
    'Reads one incident review by id: its front matter (title, date, severity, services, failure modes, impact, timeline, action items, tags, related review ids) and its sections as Markdown. ' +
    'Pass sections to get only those, by name, case-insensitive (common wordings such as "Root cause" or "What happened" find the matching section): the required ones are "Summary", "Detailed mechanism", "Contributing factors", "Investigation path" and "Systemic factors" (some reviews add others, e.g. "Lessons"). ' +
    'During an incident, ask for ["Detailed mechanism", "Investigation path"]: how the failure worked and which suspects were ruled out. ' +
    `Sections over ${MAX_SECTION_CHARS} characters are cut with a note.`,
  input: {
    id: z
      .string({ required_error: 'id is required: a review id such as 2026-02-19-payments-api-…' })
      .max(300)
      .describe('The review id (its file name without .md), from another tool.'),
    sections: z
      // One name given as a string is taken as a list of one.
      .preprocess(
        (value) => (typeof value === 'string' ? [value] : value),
        z.array(z.string().max(200)).max(30, 'ask for at most 30 sections'),
      )
      .optional()
      .describe('Section names to return; all sections when omitted.'),
  },
  run(ctx, args) {
    const review = findReview(ctx, args.id);
    const json = reviewJson(review);
    let sections = json.sections;
    const inFrontMatter: string[] = [];
    if (args.sections) {
      const wanted: number[] = [];
      for (const name of args.sections) {
        const index = sectionIndex(review, name);
        const field = FRONT_MATTER_SLOTS[canonicalSection(name)?.slot ?? ''];
        if (index !== undefined) wanted.push(index);
        else if (field) inFrontMatter.push(field);
        else
          throw new CasebookError(
            'USAGE',
            `review ${review.id} has no section "${name}". Its sections: ${review.sections.map((s) => s.heading).join(', ')} (the timeline, action items and impact are in frontMatter).`,
          );
      }
      sections = [...new Set(wanted)].map((i) => json.sections[i]!);
    }
    return {
      id: review.id,
      url: ctx.urlOf(review.id) ?? reviewHref(review.id),
      frontMatter: json.frontMatter,
      sections: sections.map((s) => ({
        heading: s.heading,
        text: bound(
          s.text,
          MAX_SECTION_CHARS,
          `Read the whole review at casebook://reviews/${review.id}.`,
        ),
      })),
      ...(inFrontMatter.length
        ? {
            note: `${[...new Set(inFrontMatter)].map((f) => `frontMatter.${f}`).join(', ')}: in the front matter, not a section.`,
          }
        : {}),
    };
  },
});

export const listFailureModes = define({
  name: 'list_failure_modes',
  title: 'List failure modes',
  description:
    "The failure-mode taxonomy: each mode's slug, name, description and how many reviews have it (a url to its page when the site is configured). Use a slug or name as search_reviews' failureMode filter.",
  input: {},
  run(ctx) {
    return {
      failureModes: ctx.corpus.taxonomy.map((m) => ({
        slug: m.slug,
        name: m.name,
        description: m.description,
        reviews: ctx.catalog.byFailureMode.get(m.slug)?.length ?? 0,
        ...(ctx.site ? { url: `${ctx.site}${failureModeHref(m.slug)}` } : {}),
      })),
    };
  },
});

export const listServices = define({
  name: 'list_services',
  title: 'List services',
  description:
    'Every service named by a review, with how many reviews list it and the date of its latest one, most reviewed first. Use a name as the service filter of find_similar_incidents or search_reviews.',
  input: {},
  run(ctx) {
    return {
      services: ctx.catalog.services
        .map((name) => {
          const reviews = ctx.catalog.byService.get(name) ?? [];
          return {
            name,
            reviews: reviews.length,
            latest: reviews[0]?.data.date.toISOString().slice(0, 10) ?? null,
          };
        })
        .sort((a, b) => b.reviews - a.reviews || a.name.localeCompare(b.name)),
    };
  },
});

export const draftReviewPrompt = define({
  name: 'draft_review_prompt',
  title: 'Build the review-drafting prompt',
  description:
    "Builds the prompt `casebook draft --prompt-out` writes for drafting an incident review from raw notes: Casebook's format and rules, the specifics checklist from the notes, prefilled front matter, the most similar past incidents as reference, and the notes. Secrets in the notes are redacted first. " +
    'Casebook sends nothing anywhere: draft the review with the engineer from this prompt, then check the draft with verify_draft. Returns the prompt text, the redacted secret counts and the related incident ids.',
  input: { notes: notesSchema('notes') },
  async run(ctx, args) {
    const notes = await cleanNotes(ctx, 'draft_review_prompt', args.notes);
    let relatedNote: string | undefined;
    // Loaded at the first call: the pipeline brings the model client, which this server never
    // uses, and loading it at start-up delays the answer to initialize by seconds.
    const { produceDraft } = await import('../draft/pipeline.ts');
    const result = await produceDraft(
      notes,
      { redact: true, redactOptions: ctx.redaction.notes },
      {
        matcher: async (text) => {
          try {
            return await (await ctx.matcher()).query(text, { k: 5 });
          } catch (error) {
            if (!isCasebookError(error) || error.code !== 'INDEX_MISSING') throw error;
            relatedNote = `No related incidents: ${error.message}`;
            return [];
          }
        },
        reviews: ctx.corpus.reviews,
        taxonomy: ctx.corpus.taxonomy,
        claude: null,
        now: ctx.now(),
      },
    );
    return {
      prompt: promptText(result.prompt),
      redacted: result.redaction?.counts ?? {},
      related: result.related.map((r) => ({ id: r.id, title: r.title })),
      specifics: result.specifics.length,
      ...(relatedNote ? { note: relatedNote } : {}),
    };
  },
});

export const verifyDraftTool = define({
  name: 'verify_draft',
  title: 'Verify a draft review against its notes',
  description:
    'Checks a draft incident review (Casebook Markdown with front matter) against the notes it came from, as `casebook verify --json` does: missing (specifics from the notes the draft lacks), invented (values, numbers, versions, error strings not in the notes), generalizations (vague phrases with their line), deadEndsMissing (ruled-out suspects the Investigation path lacks), singleCause, todos; failed is true when anything is missing or invented or dead ends are missing. ' +
    'Fix what it reports, then verify again. The notes are redacted the same way as for drafting.',
  input: {
    draft: z
      .string({ required_error: 'draft is required: the draft review as Markdown' })
      .max(MAX_DRAFT_CHARS, `draft is over ${MAX_DRAFT_CHARS} characters`),
    notes: notesSchema('notes'),
  },
  async run(ctx, args) {
    const notes = await cleanNotes(ctx, 'verify_draft', args.notes);
    if (!args.draft.trim())
      throw new CasebookError('INPUT_EMPTY', 'the draft is empty. Pass the draft review text.');
    const report = verifyDraft(args.draft, notes);
    return { failed: verifyFailed(report), ...report };
  },
});
