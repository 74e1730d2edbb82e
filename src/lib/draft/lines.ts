/**
 * Sorting raw note lines into review sections by clear rules: timestamped lines go to the
 * timeline; suspected / thought / ruled out / not it / dead end lines go to the investigation
 * path; "why wasn't it caught" / no alert / staging lines go to systemic factors; follow-ups
 * become action items; findings go to the mechanism. Pure.
 */

import { DEAD_END } from '../classify/index.ts';
import { timeMentions } from '../facts/index.ts';
import { codeBlocks, headings, listItems, parseMarkdown } from '../markdown/index.ts';

/** Where a note line goes in the review. */
export type Bucket =
  | 'heading'
  | 'timeline'
  | 'investigation'
  | 'systemic'
  | 'actions'
  | 'factors'
  | 'mechanism'
  | 'impact'
  | 'context';

export interface NoteLine {
  /** 1-based line number in the notes. */
  line: number;
  /** The line without list markers, trimmed. */
  text: string;
  /** Where it goes. */
  bucket: Bucket;
  /** The block (heading) it was under, lower-cased, or ''. */
  block: string;
  /** The time or timestamp it starts with, when it starts with one. */
  time?: string | undefined;
  /** True when it names a suspect or a ruled-out path. */
  deadEnd: boolean;
}

const SYSTEMIC =
  /why (?:wasn'?t|was it not|didn'?t|did we not)|not caught|\bno alert|\bnot alerted|\bnothing paged|\bstaging\b|\brunbook\b|\bcanary\b|\bload test|\bCODEOWNERS\b|\bno owner\b|\bowned by\b|\bownership\b|\bnobody (?:knew|owns|watches|watched|looked)|\breviewer\b|\bapproved\b|\bapproval\b|\bnot covered by\b|\bno test/i;
const COMBINATION =
  /\bcombo\b|\bcombin(?:ed|ation)\b|\btogether\b|\bon top of\b|\bcompound|\bamplif|\bmade (?:it|things) worse|\bcoincid/i;

const BLOCKS: [RegExp, Bucket | 'chat'][] = [
  [/timeline|chronolog|sequence of events/, 'timeline'],
  [
    /dead[- ]?ends?|ruled out|investigation|hypothes|red herrings?|what we (?:tried|checked)/,
    'investigation',
  ],
  [/why (?:wasn'?t|was it not|didn'?t)|not caught|systemic|gaps?\b|process|lessons/, 'systemic'],
  [/follow.?ups?|action items?|\btodo\b|next steps|remediation|\bfixes\b/, 'actions'],
  [
    /what (?:actually )?happened|findings?|mechanism|root cause|causes?\b|what the .* does|analysis|details|metrics/,
    'mechanism',
  ],
  [/what we saw|symptoms?|impact|customer/, 'impact'],
  [/context|setup|background|environment|architecture/, 'context'],
  [/chat|slack|bridge|transcript/, 'chat'],
];

function blockBucket(block: string): Bucket | 'chat' | undefined {
  return BLOCKS.find(([pattern]) => pattern.test(block))?.[1];
}

/** What the Markdown module says about each line of the notes: headings, list items, code. */
interface NotesStructure {
  /** Line → heading text (ATX or setext; never inside code). */
  heading: Map<number, string>;
  /** Underline lines of setext headings: part of the heading above, not a note. */
  underline: Set<number>;
  /** Line → the list item's text without its marker. */
  item: Map<number, string>;
  /** Lines inside code blocks (fenced with any fence, or indented). */
  code: Set<number>;
}

function notesStructure(notes: string): NotesStructure {
  const found = headings(parseMarkdown(notes), notes);
  const code = new Set<number>();
  for (const block of codeBlocks(notes))
    for (let l = block.line; l <= block.endLine; l++) code.add(l);
  return {
    heading: new Map(found.map((h) => [h.line, h.text])),
    underline: new Set(found.filter((h) => h.setext).map((h) => h.endLine)),
    item: new Map(listItems(notes).map((i) => [i.line, i.text.split('\n')[0] ?? ''])),
    code,
  };
}

/**
 * A heading: a Markdown heading, or a short line that is not a list item and names a known block
 * ("dead ends", "timeline:").
 */
function headingOf(raw: string, line: number, doc: NotesStructure): string | null {
  const marked = doc.heading.get(line);
  if (marked !== undefined) return marked.trim();
  const text = raw.trim();
  if (doc.code.has(line) || doc.item.has(line) || text.startsWith('•')) return null;
  if (text.length > 40 || /\d{1,2}:\d{2}/.test(text)) return null;
  const bare = text.replace(/:$/, '');
  return blockBucket(bare.toLowerCase()) ? bare : null;
}

/** The time a note line starts with ("14:02 UTC", "[09:31:40]", "10:18 AM PST", "2026-05-03T13:10Z"). */
function leadingTime(text: string): string | undefined {
  const lead = /^[~≈]?\[?/.exec(text)?.[0].length ?? 0;
  const t = timeMentions(text.slice(lead, lead + 40))[0];
  return t && t.index === 0 && /^(?:\]|\s|$)/.test(text.slice(lead + t.text.length))
    ? t.text.trim()
    : undefined;
}

/** The note without its list marker (a Markdown list item, or a typed `•` bullet). */
const withoutMarker = (raw: string, line: number, doc: NotesStructure): string =>
  (doc.item.get(line) ?? raw.trim().replace(/^•\s*/, '')).trim();

/** Sorts every non-blank line of `notes` into a bucket. */
export function classifyNotes(notes: string): NoteLine[] {
  const out: NoteLine[] = [];
  let block = '';
  const doc = notesStructure(notes);
  notes.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim() || doc.underline.has(line)) return;
    const heading = headingOf(raw, line, doc);
    if (heading !== null) {
      block = heading.toLowerCase();
      out.push({
        line,
        text: heading,
        bucket: 'heading',
        block,
        deadEnd: false,
      });
      return;
    }
    const text = withoutMarker(raw, line, doc);
    const time = leadingTime(text);
    const deadEnd = DEAD_END.test(text) && !/why (?:wasn'?t|was it not)/i.test(text);
    const fromBlock = blockBucket(block);
    let bucket: Bucket;
    if (deadEnd) bucket = 'investigation';
    else if (fromBlock === 'actions') bucket = 'actions';
    else if (fromBlock === 'systemic' || SYSTEMIC.test(text)) bucket = 'systemic';
    else if (time) bucket = 'timeline';
    else if (fromBlock === 'investigation') bucket = 'investigation';
    else if (COMBINATION.test(text)) bucket = 'factors';
    else if (fromBlock === 'impact') bucket = 'impact';
    else if (fromBlock === 'context' || !block) bucket = 'context';
    else bucket = 'mechanism';
    out.push({ line, text, bucket, block, time, deadEnd });
  });
  return out;
}

/** The note lines that name a suspect or a ruled-out path. */
export const deadEndLines = (notes: string): NoteLine[] =>
  classifyNotes(notes).filter(
    (l) => l.deadEnd || (l.bucket === 'investigation' && blockBucket(l.block) === 'investigation'),
  );
