/** The registry of `casebook` sub-commands. Modules load lazily so each command starts fast. */
import type { Command } from './command.ts';

export const COMMANDS: Record<
  string,
  { summary: string; load: () => Promise<{ command: Command }> }
> = {
  check: {
    summary:
      'Validate reviews: front matter, sections, failure modes, related ids, timeline order.',
    load: () => import('../commands/check.ts'),
  },
  embed: {
    summary: 'Embed published reviews into the LanceDB similarity index (incremental).',
    load: () => import('../commands/embed.ts'),
  },
  match: {
    summary: 'Find past reviews similar to incident notes (hybrid vector + full-text search).',
    load: () => import('../commands/match.ts'),
  },
  import: {
    summary:
      'Import existing postmortems (SRE-book, PagerDuty, postmortems.app Markdown; JSONL) as draft reviews.',
    load: () => import('../commands/import.ts'),
  },
  draft: {
    summary:
      'Draft a review from incident notes (redacted, with related incidents), then verify it.',
    load: () => import('../commands/draft.ts'),
  },
  verify: {
    summary:
      'Check a draft against its notes: missing or invented specifics, generalisations, dead ends.',
    load: () => import('../commands/verify.ts'),
  },
  exec: {
    summary: 'Write the ~150-word executive summary of a review (Claude, or extractive offline).',
    load: () => import('../commands/exec.ts'),
  },
};
