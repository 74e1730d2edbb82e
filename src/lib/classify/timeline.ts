/**
 * Timeline kinds: from one event's wording (`kindOf`, for imported timelines that state their
 * events plainly) and from a whole chronological timeline (`timelineKinds`, for notes): the
 * trigger, the first customer-visible failure as impact start, the first page as detected, the
 * first mitigation that was done and helped, and the resolution. Pure.
 */
import type { TimelineEntry } from '../review/schema.ts';
import { CUSTOMER_VISIBLE, isPage, isRuledOut } from './lines.ts';

export type TimelineKind = NonNullable<TimelineEntry['kind']>;

/** Keyword rules for `kind`, tried in order; the first that matches wins. */
const KIND_RULES: readonly [TimelineKind, RegExp][] = [
  [
    'impact-start',
    /\b(outage (?:begins|began|starts|started)|impact (?:begins|began|starts|started|start)|errors? (?:start|started|begin|began|spike)|customers? (?:start|started|begin|began)|users? (?:start|started|begin|began)|incident (?:begins|began|starts|started))/i,
  ],
  [
    'resolved',
    /\b(resolved|outage ends?|outage ended|fully recovered|recovered|back to normal|all clear|incident (?:closed|ended|over|end)|service restored|restored)\b/i,
  ],
  [
    'mitigated',
    /\b(mitigat\w*|rolled back|roll(?:ed)?[- ]?back|revert(?:ed)?|failed over|workaround|patched)\b/i,
  ],
  [
    'detected',
    /\b(pages|paged?|paging|alert(?:ed|s)?|detected|noticed|reported|incident opened|opened as sev\w*|(?:pd|inc)-\d+ opened)\b/i,
  ],
  ['escalated', /\b(escalat\w*|upgraded to sev\w*|raised to sev\w*)/i],
  [
    'trigger',
    /\b(deploy(?:ed|ment)?|rolled out|roll-?out|config(?:uration)? (?:change|push)|pushed|migration (?:started|began|begins))\b/i,
  ],
];

/** Wording that means the step did not happen (a rollback that stalled) or did not matter ("unrelated"). */
const NOT_AN_EVENT =
  /\b(unrelated|tries|tried|attempts?|attempted|stall(?:s|ed)?|fails?|failed)\b(?! over)/i;

/** The `kind` one event's wording suggests, if any. */
export function kindOf(event: string): TimelineKind | undefined {
  const kind = KIND_RULES.find(([, pattern]) => pattern.test(event))?.[0];
  return (kind === 'trigger' || kind === 'mitigated') && NOT_AN_EVENT.test(event)
    ? undefined
    : kind;
}

/** A step that did not help ("rolled back X ... no change"), or a question or plan ("rollback now?"). */
const DID_NOT_HELP =
  /\b(?:dead end|no change|no effect|did(?:n't| not) help|no improvement|not it|ruled out|suspected|thought)\b|\?/i;
const TRIGGER =
  /\b(?:deploy|deployed|roll(?:ed)? ?out|rollout|push(?:ed)?|merged|bump(?:ed)?|starts?|started|change[ds]?|config)\b/i;
const DETECTED_WITHOUT_PAGE =
  /\b(?:detected|noticed|reported|support\b.*\btickets?|customer (?:report|ticket)s?|bridge opened|incident (?:opened|declared))\b/i;
const RESOLVED = /\bresolved\b|\ball clear\b|\bback to (?:normal|baseline)\b/i;
const MITIGATED =
  /\brolled ?back\b|\brollback (?:to|done|complete)|\breverted\b|\bcancel+ed\b|\bdisabled\b|\bmitigated\b|\bSCRIPT KILL\b|\bdeleted\b|\bkilled\b|\bscaled (?:up|out)\b|\bfailed over\b/i;

/**
 * Kinds for a chronological timeline (index-aligned; undefined = no kind): the first entry is the
 * trigger when it is a change; the first page (else the first report) is detected; the first
 * customer-visible failure that is not the alert itself is the impact start; the first mitigation
 * done at or after detection that helped is mitigated; the last resolution is resolved. Lines
 * that name a suspect or a step that did not help are never impact, mitigation or resolution.
 */
export function timelineKinds(events: readonly string[]): (TimelineKind | undefined)[] {
  const kinds: (TimelineKind | undefined)[] = events.map(() => undefined);
  const free = (i: number) => kinds[i] === undefined;
  if (events[0] !== undefined && TRIGGER.test(events[0]) && !DID_NOT_HELP.test(events[0]))
    kinds[0] = 'trigger';
  let detected = events.findIndex((e, i) => free(i) && isPage(e) && !isRuledOut(e));
  if (detected < 0) detected = events.findIndex((e, i) => free(i) && DETECTED_WITHOUT_PAGE.test(e));
  if (detected >= 0) kinds[detected] = 'detected';
  const impact = events.findIndex(
    (e, i) =>
      free(i) &&
      CUSTOMER_VISIBLE.test(e) &&
      !isPage(e) &&
      !DID_NOT_HELP.test(e) &&
      !RESOLVED.test(e),
  );
  if (impact >= 0) kinds[impact] = 'impact-start';
  const from = Math.max(0, detected);
  const candidates = (pattern: RegExp) =>
    events
      .map((_, i) => i)
      .filter(
        (i) =>
          i >= from &&
          free(i) &&
          pattern.test(events[i] ?? '') &&
          !DID_NOT_HELP.test(events[i] ?? ''),
      );
  const resolved = candidates(RESOLVED).pop();
  if (resolved !== undefined) kinds[resolved] = 'resolved';
  const mitigated = candidates(MITIGATED)[0];
  if (mitigated !== undefined) kinds[mitigated] = 'mitigated';
  events.forEach((e, i) => {
    if (free(i) && kindOf(e) === 'escalated') kinds[i] = 'escalated';
  });
  return kinds;
}
