/**
 * Blank templates ("PMyyyy-nnn - Postmortem template.md", `template.md`, a team's copy of the
 * Google/SRE, PagerDuty or Atlassian template): recognised by their content before mapping, so
 * they never become reviews or similar incidents. A template is headings plus placeholders
 * (`XXX`, `YYYY-MM-DD`, `HH:MM`, `[name]`, `<owner>`, `{service}`) and guidance ("Describe…",
 * "List…", questions), with almost no incident content of its own. Pure.
 */
import { wordCount } from './map.ts';
import { proseBlocks } from '../markdown/index.ts';
import type { SourceDocument } from './source.ts';

/** Placeholder shapes templates use: `20xx-MM-DD HH:mm`, `XXX`, `YYY`, `NNN`, `<name>`, `[link]`, `{service}`. */
const PLACEHOLDERS =
  /\b(?:\d{2}xx|x{1,}|y{2,}|z{2,}|n{1,3}|yyyy|mm|dd|hh|tbd|todo|n\/a|etc)\b|<[^>\n]{1,80}>|\[[^\]\n]{0,200}\]|\{[^}\n]{1,60}\}|\.{3}|…/gi;

/** Guidance a template gives its author: an instruction ("Describe…", "List…"), an example, a question. */
const GUIDANCE =
  /^(?:[\p{L} ]{1,40}:\s*)?(?:please\s+|briefly\s+)?(?:describe|list|include|summari[sz]e|explain|write|add|provide|note|insert|enter|fill|document|outline|give|state|identify|capture|record|link|attach|detail|replace|delete|remove|use this|this section|this template|e\.g\.|for example|example|optional)\b/iu;

/** A question to the author ("What went well?", "Who responded?"). */
const isQuestion = (text: string): boolean => /\?\s*$/.test(text);

/** Incident words in the document: prose that is neither placeholder, guidance nor a question. */
function incidentWords(doc: SourceDocument): { content: number; total: number; numbers: boolean } {
  let content = 0;
  let total = 0;
  let numbers = false;
  const texts = [
    ...doc.sections.map((s) => s.text),
    ...doc.verbatim.map((s) => s.text),
    doc.meta.summary ?? '',
  ];
  for (const text of texts)
    for (const block of proseBlocks(text)) {
      if (block.kind === 'heading') continue;
      const words = wordCount(block.plain);
      total += words;
      if (isQuestion(block.plain) || GUIDANCE.test(block.plain)) continue;
      const own = block.plain.replace(PLACEHOLDERS, ' ');
      content += wordCount(own);
      numbers ||= /\d/.test(own);
    }
  return { content, total, numbers };
}

/** At most this many incident words under three or more headings: a blank template. */
const MAX_TEMPLATE_WORDS = 25;
/** A terse real postmortem states numbers (times, counts); with them, only this many words still read as a template. */
const MAX_WORDS_WITH_NUMBERS = 8;

/**
 * Why the document is a blank template, or undefined when it is a postmortem: three or more
 * headings with at most a couple of dozen words of incident content under them (placeholders,
 * guidance and questions left out). A name or title saying "template" allows a little more;
 * real numbers (a time, a count) in that content allow much less.
 */
export function blankTemplateReason(doc: SourceDocument): string | undefined {
  const headed = doc.sections.length + doc.verbatim.length;
  if (headed < 3) return undefined;
  const { content, total, numbers } = incidentWords(doc);
  const named = /\btemplate\b/i.test(`${doc.label} ${doc.meta.title ?? ''}`);
  const limit = numbers ? MAX_WORDS_WITH_NUMBERS : MAX_TEMPLATE_WORDS * (named ? 2 : 1);
  if (content <= limit)
    return `${doc.label}: skipped: a blank template (${headed} headings; ${content} of its ${total} words are incident content, the rest placeholders and guidance). Fill it in, or leave it out of the import.`;
  return undefined;
}

/** The metadata blocks a Markdown source keeps verbatim (its front matter and `Label: value` lines). */
const METADATA_BLOCKS = new Set(['Original front matter', 'Source details']);

/**
 * Why the document has nothing to import, or undefined: a Markdown or HTML source that holds
 * only metadata (front matter, a title, `Label: value` lines) and not one word of text, which
 * would become a review of TODOs. Records (JSON, CSV) keep their fields and are never empty here.
 */
export function emptyDocumentReason(doc: SourceDocument): string | undefined {
  if (!doc.verbatim.every((v) => METADATA_BLOCKS.has(v.heading))) return undefined;
  const texts = [...doc.sections.map((s) => s.text), doc.meta.summary ?? ''];
  const words = texts
    .flatMap((text) => proseBlocks(text))
    .filter((block) => block.kind !== 'heading')
    .reduce((sum, block) => sum + wordCount(block.plain), 0);
  if (words > 0) return undefined;
  return `${doc.label}: skipped: no postmortem text, only a title or metadata. Write what happened under its headings first, or leave it out of the import.`;
}
