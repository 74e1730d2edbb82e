/** A review as JSON for other tools (`/reviews/<id>.json`): the front matter plus the sections. Pure. */
import type { Review } from '../review/parse.ts';

export interface ReviewJson {
  id: string;
  /** Site path of the review page. */
  url: string;
  /** The validated front matter; `date` as YYYY-MM-DD, timestamps as ISO 8601 UTC. */
  frontMatter: Record<string, unknown>;
  /** The H2 sections in file order, Markdown text. */
  sections: { heading: string; text: string }[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function reviewJson(review: Review): ReviewJson {
  const d = review.data;
  return {
    id: review.id,
    url: `/reviews/${encodeURIComponent(review.id)}/`,
    frontMatter: {
      ...d,
      date: day(d.date),
      timeline: d.timeline.map((e) => ({ ...e, at: e.at.toISOString() })),
      actionItems: d.actionItems.map((a) => ({ ...a, ...(a.due ? { due: day(a.due) } : {}) })),
    },
    sections: review.sections.map((s) => ({ heading: s.heading, text: s.text })),
  };
}
