/**
 * Blank templates ("PMyyyy-nnn - Postmortem template.md", `template.md`): recognised before
 * mapping so they never become reviews or similar incidents. Pure.
 */
import { wordCount } from './map.ts';
import type { SourceDocument } from './source.ts';

/** Placeholder shapes templates use: `20xx-MM-DD HH:mm`, `XXX`, `YYY`, `<name>`, `[link]`. */
const PLACEHOLDERS =
  /\b(?:\d{2}xx|x{2,}|y{2,}|z{2,}|yyyy|mm|dd|hh|nnn|tbd|todo|n\/a)\b|<[^>\n]{1,40}>|\[[^\]\n]{1,40}\]/gi;

/** Words under the headings that are not placeholders. */
const realWords = (doc: SourceDocument): number =>
  doc.sections.reduce((n, s) => n + wordCount(s.text.replace(PLACEHOLDERS, ' ')), 0);

/**
 * Why the document is a blank template, or undefined when it is a postmortem: its name or title
 * says "template" and it has almost no text of its own, or it has headings and no text at all.
 */
export function blankTemplateReason(doc: SourceDocument): string | undefined {
  const words = realWords(doc);
  const named = /\btemplate\b/i.test(`${doc.label} ${doc.meta.title ?? ''}`);
  if (named && words < 60)
    return `${doc.label}: skipped: a blank template (named "template", ${words} words of its own). Fill it in, or leave it out of the import.`;
  if (doc.sections.length >= 3 && words < 15)
    return `${doc.label}: skipped: looks like a blank template (${doc.sections.length} headings, ${words} words under them). Fill it in, or leave it out of the import.`;
  return undefined;
}
