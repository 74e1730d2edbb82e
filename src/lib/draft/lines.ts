/**
 * Sorting raw note lines into review sections by clear rules: timestamped lines go to the
 * timeline; suspected / thought / ruled out / not it / dead end lines go to the investigation
 * path; "why wasn't it caught" / no alert / staging lines go to systemic factors; follow-ups
 * become action items; findings go to the mechanism. Pure.
 */

import { DEAD_END } from '../classify/index.ts';
import { timeMentions } from '../facts/index.ts';

export { DEAD_END };

export const BUCKETS = [
  'heading',
  'timeline',
  'investigation',
  'systemic',
  'actions',
  'factors',
  'mechanism',
  'impact',
  'context',
] as const;
export type Bucket = (typeof BUCKETS)[number];

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
  time?: string;
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

/** A heading: `# ...`, or a short un-bulleted line that names a known block ("dead ends", "timeline:"). */
function headingOf(raw: string): string | null {
  const hashes = /^\s{0,3}#{1,6}\s+(.*)$/.exec(raw);
  if (hashes) return (hashes[1] ?? '').trim();
  const line = raw.trim();
  if (/^[-*+•]|^\d+[.)]\s/.test(line) || line.length > 40 || /\d{1,2}:\d{2}/.test(line))
    return null;
  const bare = line.replace(/:$/, '');
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

const stripMarker = (raw: string) =>
  raw
    .trim()
    .replace(/^(?:[-*+•]|\d+[.)])\s+/, '')
    .trim();

/** Sorts every non-blank line of `notes` into a bucket. */
export function classifyNotes(notes: string): NoteLine[] {
  const out: NoteLine[] = [];
  let block = '';
  let fence = false;
  notes.split(/\r?\n/).forEach((raw, index) => {
    if (!raw.trim()) return;
    if (/^\s*(?:```|~~~)/.test(raw)) fence = !fence;
    const heading = fence ? null : headingOf(raw);
    const line = index + 1;
    if (heading !== null) {
      block = heading.toLowerCase();
      out.push({
        line,
        text: raw.trim().replace(/^#+\s*/, ''),
        bucket: 'heading',
        block,
        deadEnd: false,
      });
      return;
    }
    const text = stripMarker(raw);
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
