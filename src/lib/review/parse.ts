/** Parsing one review file into a `Review`, with every per-file problem. Pure: takes text, not paths on disk. */
import { reviewSchema, REQUIRED_SECTIONS, type ReviewData } from './schema.ts';
import { splitFrontMatter } from './frontmatter.ts';
import { splitSections, isOnlyTodo, REQUIRED_KEYS, type Section } from './sections.ts';
import { canonicalSection } from '../markdown/index.ts';
import { nearestSlug } from './taxonomy.ts';
import { describeIssue, valueAt } from './zod-messages.ts';
import type { Problem } from './problems.ts';
import { mayBeIncomplete, missingFields } from './missing.ts';

/** A parsed, validated review: the one document type every command works on. */
export interface Review {
  /** File name without `.md`; the review's URL and `related` key. */
  id: string;
  /** The file it came from. */
  path: string;
  /** Validated front matter. */
  data: ReviewData;
  /** The H2 sections in file order. */
  sections: Section[];
  /** The Markdown body (after the front matter). */
  body: string;
}

const ID_PATTERN = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

export interface ParseContext {
  /** Known failure-mode slugs. */
  failureModes: readonly string[];
}

/** Parses and validates one review. Returns the review when it is usable, and every problem found. */
export function parseReview(
  id: string,
  path: string,
  text: string,
  context: ParseContext,
): { review?: Review | undefined; problems: Problem[] } {
  const problems: Problem[] = [];
  const add = (line: number, code: Problem['code'], message: string) =>
    problems.push({ path, line, code, message });

  if (!ID_PATTERN.test(id)) {
    add(
      1,
      'bad-id',
      `file name "${id}.md" is not a valid review id. Rename it in lower-case kebab case, e.g. 2026-03-14-pgbouncer-pool-exhaustion.md.`,
    );
  }
  const fm = splitFrontMatter(text);
  if (!fm) {
    add(
      1,
      'no-front-matter',
      'no front matter. Start the file with a `---` line, the YAML fields, and a closing `---` line (see docs/review-format.md).',
    );
    return { problems };
  }
  for (const error of fm.errors)
    add(
      error.line,
      'yaml',
      `broken YAML in front matter: ${error.message}. Fix the syntax (quote values that contain ": " or start with special characters).`,
    );
  if (fm.errors.length) return { problems };

  const parsed = reviewSchema.safeParse(fm.data ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      add(fm.lineOf(issue.path), 'schema', describeIssue(issue, valueAt(fm.data, issue.path)));
  }
  const data = parsed.success ? parsed.data : undefined;

  if (data) {
    data.failureModes.forEach((slug, i) => {
      if (!context.failureModes.includes(slug)) {
        const near = nearestSlug(slug, context.failureModes);
        add(
          fm.lineOf(['failureModes', i]),
          'unknown-failure-mode',
          `unknown failure mode "${slug}"${near ? `; did you mean "${near}"?` : '.'} Use a slug from content/failure-modes.yaml, or add the mode there first.`,
        );
      }
    });
    data.timeline.forEach((entry, i) => {
      const previous = data.timeline[i - 1];
      if (previous && entry.at.getTime() < previous.at.getTime()) {
        add(
          fm.lineOf(['timeline', i, 'at']),
          'timeline-order',
          `timeline entry ${i + 1} (${entry.at.toISOString()}) is earlier than entry ${i} (${previous.at.toISOString()}). Put timeline entries in chronological order.`,
        );
      }
    });
    // `in-review` and `published` are complete: no placeholder may stay (imported and draft may keep them).
    if (!mayBeIncomplete(data.status))
      for (const missing of missingFields(data))
        add(
          fm.lineOf(missing.path),
          'incomplete',
          `${missing.problem}, but status is ${data.status}. ${FIX_FIELD[missing.field]}, or set \`status: imported\` (imported history) or \`status: draft\` until it is known.`,
        );
  }

  const { sections } = splitSections(fm.body, fm.bodyLine);
  const mayKeepTodo = data ? mayBeIncomplete(data.status) : false;
  problems.push(...checkSections(path, sections, mayKeepTodo, fm.bodyLine));

  return {
    review: data && problems.length === 0 ? { id, path, data, sections, body: fm.body } : undefined,
    problems,
  };
}

/** How to fill in each kind of placeholder field. */
const FIX_FIELD: Record<ReturnType<typeof missingFields>[number]['field'], string> = {
  title: 'Name the mechanism in the title',
  severity: 'Set severity to SEV1 … SEV4',
  services: 'List at least one service, as named in deploy tooling',
  authors: 'Name the people who wrote the review',
  impact: 'Say what users saw, with numbers',
  timeline: 'Replace the placeholder timeline entry with a real time and event',
  actionItems: 'Give the action item a real title and owner',
};

function checkSections(
  path: string,
  sections: Section[],
  mayKeepTodo: boolean,
  bodyLine: number,
): Problem[] {
  const problems: Problem[] = [];
  const positions = REQUIRED_KEYS.map((key) => sections.findIndex((s) => s.key === key));
  const variants = new Set<Section>();
  REQUIRED_SECTIONS.forEach((name, i) => {
    const index = positions[i] ?? -1;
    if (index < 0) {
      // A known variant wording ("Root cause(s)", "Issue summary"): name the canonical heading.
      const variant = sections.find((s) => canonicalSection(s.heading)?.canonical === name);
      if (variant) {
        variants.add(variant);
        problems.push({
          path,
          line: variant.line,
          code: 'section-missing',
          message: `required section "## ${name}" is missing: "${variant.heading}" is a variant of it. Rename the heading to "## ${name}".`,
        });
        return;
      }
      const before = positions
        .slice(0, i)
        .filter((p) => p >= 0)
        .pop();
      const where =
        before !== undefined
          ? `after "## ${sections[before]?.heading}"`
          : 'at the start of the body';
      problems.push({
        path,
        line: before !== undefined ? (sections[before]?.line ?? bodyLine) : bodyLine,
        code: 'section-missing',
        message: `required section "## ${name}" is missing. Add it ${where}.`,
      });
      return;
    }
    const section = sections[index];
    if (!section) return;
    if (!section.text) {
      problems.push({
        path,
        line: section.line,
        code: 'section-empty',
        message: `section "## ${name}" is empty. Write it${mayKeepTodo ? ', or put a `TODO:` line there while the review is imported or a draft' : ''}.`,
      });
    } else if (!mayKeepTodo && isOnlyTodo(section.text)) {
      problems.push({
        path,
        line: section.line,
        code: 'section-empty',
        message: `section "## ${name}" holds only a TODO. Write it, or set \`status: draft\` (or \`status: imported\` for imported history) until it is written.`,
      });
    }
  });
  // Order: required sections ascending, and no optional section before the last required one.
  const found = positions.filter((p) => p >= 0);
  for (let i = 1; i < found.length; i++) {
    const prev = found[i - 1] ?? 0;
    const cur = found[i] ?? 0;
    if (cur < prev) {
      const s = sections[cur];
      problems.push({
        path,
        line: s?.line ?? bodyLine,
        code: 'section-order',
        message: `section "## ${s?.heading}" is out of order: it must come after "## ${sections[prev]?.heading}". Required sections go in this order: ${REQUIRED_SECTIONS.join(', ')}.`,
      });
    }
  }
  const lastRequired = Math.max(-1, ...found);
  sections.forEach((s, i) => {
    if (i < lastRequired && !REQUIRED_KEYS.includes(s.key) && !variants.has(s)) {
      problems.push({
        path,
        line: s.line,
        code: 'section-order',
        message: `section "## ${s.heading}" stands between the required sections. Move optional sections after "## Systemic factors".`,
      });
    }
  });
  return problems;
}
