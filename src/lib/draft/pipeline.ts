/**
 * The draft pipeline, in order: redact, extract specifics, match related incidents, build the
 * prompt, then call Claude or build the offline skeleton. Writing and verifying are the
 * command's. Everything touching the world (matcher, model settings, clock) is injected.
 */
import type { Review } from '../review/parse.ts';
import type { FailureMode } from '../review/taxonomy.ts';
import { redactSecrets, type Redaction } from './redact.ts';
import { extractSpecifics, type Specific } from '../facts/index.ts';
import { relatedFromHits, type NotesMatcher, type RelatedIncident } from './related.ts';
import { prefill as makePrefill, type Prefill } from './prefill.ts';
import { buildDraftPrompt, type DraftPrompt } from './prompt.ts';
import { skeletonDraft } from './skeleton.ts';
import { streamCompletion, type ClaudeSettings, type OnText } from './claude.ts';
import { draftFileName, finishModelDraft } from './finish.ts';

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
}

/** Runs the pipeline on raw notes. Throws CasebookError (API_*) when the model call fails. */
export async function produceDraft(
  rawNotes: string,
  options: { redact: boolean },
  deps: DraftDeps,
): Promise<DraftResult> {
  const redaction = options.redact ? redactSecrets(rawNotes) : null;
  const notes = redaction ? redaction.text : rawNotes;
  const specifics = extractSpecifics(notes);
  const hits = deps.matcher ? await deps.matcher(notes) : [];
  const related = relatedFromHits(hits, deps.reviews, deps.relatedLimit ?? 5);
  const prefill = makePrefill({ notes, taxonomy: deps.taxonomy, related, now: deps.now });
  const prompt = buildDraftPrompt({ notes, specifics, related, prefill, taxonomy: deps.taxonomy });
  let text: string;
  let mode: DraftResult['mode'];
  if (deps.claude) {
    const raw = await streamCompletion(deps.claude, prompt, deps.onText);
    text = finishModelDraft(raw, {
      prefill,
      knownIds: new Set(deps.reviews.map((r) => r.id)),
      failureModes: new Set(deps.taxonomy.map((m) => m.slug)),
    });
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
  };
}
