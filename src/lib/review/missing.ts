/**
 * What a review still lacks: the one rule for placeholders in front matter and sections. The
 * check (`parse.ts`: `in-review` and `published` may keep none), the site's "still missing" list
 * on imported reviews and `import --publish` all read it here. Pure.
 */
import { INCOMPLETE_STATUSES, REQUIRED_SECTIONS, UNKNOWN_SEVERITY, type Status } from './schema.ts';
import { sectionText } from './sections.ts';
import { TODO_PATTERN, isTodoOnly, type Section } from '../markdown/index.ts';

/** The front-matter fields the rule reads; both parsed data and a file being written fit it. */
interface FieldsToCheck {
  title: string;
  severity: string;
  services: readonly string[];
  authors: readonly string[];
  impact: string;
  timeline: readonly { event: string }[];
  actionItems: readonly { title: string; owner: string }[];
}

/** One field that is still a placeholder. */
export interface MissingField {
  /** The front-matter field, as the site's "still missing" list names it. */
  field: 'title' | 'severity' | 'services' | 'authors' | 'impact' | 'timeline' | 'actionItems';
  /** Where in the front matter (for the problem's line). */
  path: (string | number)[];
  /** What is wrong, for `casebook check`. */
  problem: string;
}

/**
 * The author written when the source names none: a marked placeholder, never a made-up name. The
 * check refuses it in `in-review` and `published` reviews; the site shows it as unknown.
 */
export const AUTHOR_PLACEHOLDER = 'TODO: name the authors';

/** True when an author is a placeholder (`TODO:`), not a person. */
const isPlaceholderAuthor = (author: string): boolean => TODO_PATTERN.test(author);

/** The authors as the site names them: placeholders are not people; with none known, "unknown". */
export function authorsText(authors: readonly string[]): string {
  const known = authors.filter((a) => !isPlaceholderAuthor(a));
  return known.length ? known.join(', ') : 'unknown';
}

/** True while a review may keep placeholders (`imported`, `draft`). */
export const mayBeIncomplete = (status: Status): boolean => INCOMPLETE_STATUSES.includes(status);

/** Every field that is a placeholder: `TODO:` text, an `unknown` severity, no services, a placeholder author. */
export function missingFields(data: FieldsToCheck): MissingField[] {
  const out: MissingField[] = [];
  const todo = (value: string) => TODO_PATTERN.test(value);
  if (todo(data.title))
    out.push({ field: 'title', path: ['title'], problem: 'the title holds a `TODO:`' });
  if (data.severity === UNKNOWN_SEVERITY)
    out.push({ field: 'severity', path: ['severity'], problem: 'severity is "unknown"' });
  if (!data.services.length)
    out.push({ field: 'services', path: ['services'], problem: 'no service is listed' });
  const author = data.authors.findIndex(isPlaceholderAuthor);
  if (author >= 0)
    out.push({
      field: 'authors',
      path: ['authors', author],
      problem: `author ${author + 1} is a placeholder, not a name`,
    });
  if (todo(data.impact))
    out.push({ field: 'impact', path: ['impact'], problem: 'impact holds a `TODO:`' });
  const entry = data.timeline.findIndex((e) => todo(e.event));
  if (entry >= 0)
    out.push({
      field: 'timeline',
      path: ['timeline', entry, 'event'],
      problem: `timeline entry ${entry + 1} holds a \`TODO:\``,
    });
  const item = data.actionItems.findIndex((a) => todo(a.title) || todo(a.owner));
  if (item >= 0)
    out.push({
      field: 'actionItems',
      path: ['actionItems', item],
      problem: `action item ${item + 1} holds a \`TODO:\``,
    });
  return out;
}

/** Required sections that are absent, empty or nothing but `TODO:` lines, in order. */
function missingSections(sections: readonly Section[]): string[] {
  return REQUIRED_SECTIONS.filter((name) => {
    const text = sectionText(sections, name);
    return !text.trim() || isTodoOnly(text);
  });
}

const FIELD_LABEL: Record<MissingField['field'], string> = {
  title: 'title',
  severity: 'severity',
  services: 'services',
  authors: 'authors',
  impact: 'impact',
  timeline: 'timeline',
  actionItems: 'action items',
};

/** The short "still missing" list the site shows on an incomplete review: fields, then sections. */
export function stillMissing(review: {
  data: FieldsToCheck;
  sections: readonly Section[];
}): string[] {
  return [
    ...missingFields(review.data).map((m) => FIELD_LABEL[m.field]),
    ...missingSections(review.sections),
  ];
}
