/**
 * Writing a review file: the front matter as it goes on disk (dates as strings, keys in the
 * documented order) and the Markdown around it. `draft` and `import` both write through here. Pure.
 */
import { stringify } from 'yaml';
import type {
  ACTION_STATUSES,
  Severity,
  STATUSES,
  TIMELINE_KINDS,
  UNKNOWN_SEVERITY,
} from './schema.ts';

/** Front matter as written to a review file; `reviewSchema` accepts it. */
export interface ReviewFileFrontMatter {
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  severity: Severity | typeof UNKNOWN_SEVERITY;
  status: (typeof STATUSES)[number];
  services: string[];
  failureModes: string[];
  authors: string[];
  tags: string[];
  related: string[];
  impact: string;
  /** `at` is an ISO 8601 UTC timestamp. */
  timeline: { at: string; event: string; kind?: (typeof TIMELINE_KINDS)[number] }[];
  actionItems: {
    title: string;
    owner: string;
    status: (typeof ACTION_STATUSES)[number];
    due?: string;
    ticket?: string;
  }[];
  source?: {
    url?: string;
    company?: string;
    importedFrom?: string;
    contentHash?: string;
    importedHash?: string;
  };
}

/**
 * The front matter between `---` lines. `comments` adds a YAML comment after a top-level key's
 * line (e.g. `{ severity: 'TODO: confirm' }`), for values a human must check.
 */
export function renderFrontMatter(
  frontMatter: ReviewFileFrontMatter,
  comments: Partial<Record<keyof ReviewFileFrontMatter, string>> = {},
): string {
  let yaml = stringify(frontMatter, { lineWidth: 0 }).trimEnd();
  for (const [key, comment] of Object.entries(comments)) {
    yaml = yaml.replace(new RegExp(`^(${key}:.*)$`, 'm'), `$1 # ${comment}`);
  }
  return `---\n${yaml}\n---\n`;
}

/** The whole review file: front matter, a blank line, the body. */
export const renderReviewFile = (
  frontMatter: ReviewFileFrontMatter,
  body: string,
  comments?: Partial<Record<keyof ReviewFileFrontMatter, string>>,
): string => `${renderFrontMatter(frontMatter, comments)}\n${body}`;
