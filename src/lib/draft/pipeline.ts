/**
 * The draft pipeline, in order: redact, extract specifics, match related incidents, build the
 * prompt, then call Claude or build the offline skeleton. Writing and verifying are the
 * command's. Everything touching the world (matcher, model settings, clock) is injected.
 */
import type { Review } from '../review/parse.ts';
import type { FailureMode } from '../review/taxonomy.ts';
import { redact, type RedactOptions, type Redaction } from '../redact/index.ts';
import { extractSpecifics, type Specific } from '../facts/index.ts';
import { relatedFromHits, type NotesMatcher, type RelatedIncident } from './related.ts';
import { prefill as makePrefill, type Prefill } from './prefill.ts';
import { buildDraftPrompt, type DraftPrompt } from './prompt.ts';
import { skeletonDraft } from './skeleton.ts';
import { streamCompletion, type ClaudeSettings, type OnText } from './claude.ts';
import { draftFileName, finishModelDraftWithNotes } from './finish.ts';

export interface DraftDeps {
  /** Finds related incidents; null skips matching (`--no-match`). */
  matcher: NotesMatcher | null;
  /** The corpus reviews (for mechanism excerpts and known ids). */
  reviews: readonly Review[];
  taxonomy: readonly FailureMode[];
  /** Claude settings; null drafts offline. */
  claude: ClaudeSettings | null;
  /** The injected clock. */
  now: Date;
  /** Progress as model text arrives. */
  onText?: OnText;
  /** How many related incidents to keep (3–5; default 5). */
  relatedLimit?: number;
}

export interface DraftResult {
  /** The draft file's text. */
  text: string;
  /** `<date>-<slug>.md`. */
  fileName: string;
  mode: 'claude' | 'offline';
  /** Null when redaction was turned off. */
  redaction: Redaction | null;
  /** The notes as sent and written (redacted unless turned off). */
  notes: string;
  specifics: Specific[];
  related: RelatedIncident[];
  prefill: Prefill;
  prompt: DraftPrompt;
  /** What finishing changed in the model's answer (repaired front matter, dropped ids). */
  finishNotes: string[];
}

/** Runs the pipeline on raw notes. Throws CasebookError (API_*) when the model call fails. */
export async function produceDraft(
  rawNotes: string,
  options: { redact: boolean; redactOptions?: RedactOptions },
  deps: DraftDeps,
): Promise<DraftResult> {
  const redaction = options.redact ? await redact(rawNotes, options.redactOptions) : null;
  const notes = redaction ? redaction.text : rawNotes;
  const specifics = extractSpecifics(notes);
  const hits = deps.matcher ? await deps.matcher(notes) : [];
  const related = relatedFromHits(hits, deps.reviews, deps.relatedLimit ?? 5, notes);
  const prefill = makePrefill({ notes, taxonomy: deps.taxonomy, related, now: deps.now });
  const built = buildDraftPrompt({ notes, specifics, related, prefill, taxonomy: deps.taxonomy });
  // The related-incident excerpts come from content/: the whole request goes through redaction too.
  const prompt = options.redact
    ? { system: built.system, user: (await redact(built.user, options.redactOptions)).text }
    : built;
  let text: string;
  let finishNotes: string[] = [];
  let mode: DraftResult['mode'];
  if (deps.claude) {
    const raw = await streamCompletion(deps.claude, prompt, deps.onText);
    const finished = finishModelDraftWithNotes(raw, {
      prefill,
      knownIds: new Set(deps.reviews.map((r) => r.id)),
      failureModes: new Set(deps.taxonomy.map((m) => m.slug)),
    });
    text = finished.text;
    finishNotes = finished.notes;
    mode = 'claude';
  } else {
    text = skeletonDraft({ notes, prefill, related });
    mode = 'offline';
  }
  return {
    text,
    fileName: draftFileName(text, prefill, notes),
    mode,
    redaction,
    notes,
    specifics,
    related,
    prefill,
    prompt,
    finishNotes,
  };
}
