/** Turns zod issues on front matter into messages that say how to fix them. */
import type { ZodIssue } from 'astro/zod';
import { reviewSchema, UNKNOWN_SEVERITY } from './schema.ts';

const KNOWN_FIELDS = Object.keys(reviewSchema.shape).join(', ');

export function describeIssue(issue: ZodIssue, value: unknown): string {
  const field = issue.path.length ? issue.path.join('.') : 'front matter';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined')
        return `front matter field "${field}" is missing. Add it (see docs/review-format.md).`;
      return `front matter field "${field}" should be ${article(issue.expected)}, got ${issue.received}.`;
    case 'invalid_enum_value': {
      // `unknown` is a severity only while a review is imported or a draft: said apart.
      const unknown = field === 'severity' && issue.options.includes(UNKNOWN_SEVERITY);
      const options = issue.options.filter((o) => !unknown || o !== UNKNOWN_SEVERITY);
      return `front matter field "${field}" is "${String(value)}", which is not allowed. Use one of: ${options.join(', ')}${unknown ? ` (or ${UNKNOWN_SEVERITY} while the review is imported or a draft)` : ''}.`;
    }
    case 'unrecognized_keys':
      return `unknown front matter field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${field === 'front matter' ? '' : ` in "${field}"`}. Check the spelling; known fields: ${KNOWN_FIELDS}.`;
    case 'too_small':
      return `front matter field "${field}": ${issue.message}.`;
    default:
      return `front matter field "${field}": ${issue.message}.`;
  }
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/** Reads the value at a zod issue path, for messages. */
export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
