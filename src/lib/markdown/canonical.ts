/**
 * The one table of section headings: every wording teams and models use, mapped to Casebook's
 * five required sections and its optional ones. `check` names the canonical heading when it
 * meets a variant, verify and draft finishing find sections through it, and import writes the
 * canonical headings from it. Built from the Google SRE book, PagerDuty, Atlassian and GitLab
 * templates and from real postmortems. Pure.
 */
import { sectionKey } from './sections.ts';

/** Where material under a heading belongs. */
export type SectionSlot =
  | 'summary'
  | 'mechanism'
  | 'contributing'
  | 'investigation'
  | 'systemic'
  | 'lessons'
  | 'impact'
  | 'timeline'
  | 'actionItems'
  | 'supporting';

/** The heading Casebook writes for each slot; the first five are required, in this order. */
export const CANONICAL_HEADINGS: Readonly<Record<SectionSlot, string>> = {
  summary: 'Summary',
  mechanism: 'Detailed mechanism',
  contributing: 'Contributing factors',
  investigation: 'Investigation path',
  systemic: 'Systemic factors',
  lessons: 'Lessons',
  impact: 'Impact',
  timeline: 'Timeline',
  actionItems: 'Action items',
  supporting: 'Supporting information',
};

const REQUIRED_SLOTS: readonly SectionSlot[] = [
  'summary',
  'mechanism',
  'contributing',
  'investigation',
  'systemic',
];

/** Which template a wording comes from (for import reports). */
export type Template = 'casebook' | 'sre-book' | 'pagerduty' | 'atlassian' | 'gitlab' | 'generic';

interface Rule {
  slot: SectionSlot;
  template: Template;
  /** Wordings compared after `headingKey` (lower case, punctuation and numbering removed). */
  names: readonly string[];
  /** Document metadata rather than content (Stats, Attendees, …): supporting, never a body section. */
  metadata?: boolean;
}

/** The table. The first rule whose names hold the key wins. */
const SECTION_RULES: readonly Rule[] = [
  {
    template: 'casebook',
    slot: 'summary',
    names: ['summary'],
  },
  {
    template: 'casebook',
    slot: 'mechanism',
    names: ['detailed mechanism', 'mechanism'],
  },
  {
    template: 'casebook',
    slot: 'contributing',
    names: [
      'contributing factors',
      'contributing factor',
      'contributing factors and how they combined',
    ],
  },
  {
    template: 'casebook',
    slot: 'investigation',
    names: [
      'investigation path',
      'investigation path including dead ends',
      'investigation including dead ends',
    ],
  },
  { template: 'casebook', slot: 'systemic', names: ['systemic factors', 'systemic factor'] },
  { template: 'casebook', slot: 'lessons', names: ['lessons'] },
  { template: 'casebook', slot: 'supporting', names: ['supporting information'] },
  // Google SRE book, appendix D "Example Postmortem".
  { template: 'sre-book', slot: 'impact', names: ['impact'] },
  {
    template: 'sre-book',
    slot: 'mechanism',
    names: ['root causes', 'root cause', 'root cause s', 'trigger', 'root causes and trigger'],
  },
  { template: 'sre-book', slot: 'investigation', names: ['resolution', 'detection'] },
  { template: 'sre-book', slot: 'actionItems', names: ['action items', 'action item'] },
  {
    template: 'sre-book',
    slot: 'lessons',
    names: ['lessons learned', 'lessons learnt', 'what went well', 'where we got lucky'],
  },
  { template: 'sre-book', slot: 'timeline', names: ['timeline'] },
  // PagerDuty postmortem template.
  { template: 'pagerduty', slot: 'summary', names: ['overview'] },
  { template: 'pagerduty', slot: 'mechanism', names: ['what happened'] },
  {
    template: 'pagerduty',
    slot: 'actionItems',
    names: ['follow ups', 'follow up', 'followups', 'follow up actions', 'follow up items'],
  },
  {
    template: 'pagerduty',
    slot: 'lessons',
    names: ['how d we do', 'how did we do'],
  },
  {
    template: 'pagerduty',
    slot: 'systemic',
    names: ['what didn t go so well', 'what didnt go so well', 'what did not go so well'],
  },
  { template: 'pagerduty', slot: 'supporting', names: ['messaging', 'internal', 'external'] },
  {
    template: 'pagerduty',
    slot: 'mechanism',
    names: ['root cause and resolution', 'what happened and why'],
  },
  { template: 'pagerduty', slot: 'supporting', names: ['discussion', 'external messages'] },
  // Atlassian incident postmortem template.
  { template: 'atlassian', slot: 'summary', names: ['incident summary', 'issue summary'] },
  {
    template: 'atlassian',
    slot: 'contributing',
    names: ['leadup', 'lead up', 'five whys', '5 whys'],
  },
  { template: 'atlassian', slot: 'mechanism', names: ['fault', 'blameless root cause'] },
  { template: 'atlassian', slot: 'investigation', names: ['response', 'recovery'] },
  { template: 'atlassian', slot: 'systemic', names: ['backlog check', 'recurrence'] },
  { template: 'atlassian', slot: 'supporting', names: ['related records', 'related incidents'] },
  {
    template: 'atlassian',
    slot: 'actionItems',
    names: ['corrective actions', 'corrective action'],
  },
  // GitLab incident review template.
  {
    template: 'gitlab',
    slot: 'impact',
    names: ['impact and metrics', 'impact metrics', 'customer impact', 'user impact'],
  },
  {
    template: 'gitlab',
    slot: 'investigation',
    names: ['detection and response', 'detection response', 'response and recovery'],
  },
  { template: 'gitlab', slot: 'mechanism', names: ['root cause analysis', 'incident analysis'] },
  {
    template: 'gitlab',
    slot: 'impact',
    names: [
      'who was impacted by this incident',
      'what was the customer experience',
      'how many customers were affected',
      'how many attempts were made to access the impacted service feature',
      'what impact did this incident have',
    ],
  },
  {
    template: 'gitlab',
    slot: 'investigation',
    names: [
      'incident response analysis',
      'how was the incident detected',
      'how was the root cause diagnosed',
      'how did we reach the point where we knew how to mitigate the impact',
      'how did we reach the point where we knew how to mitigate',
    ],
  },
  { template: 'gitlab', slot: 'mechanism', names: ['post incident analysis'] },
  {
    template: 'gitlab',
    slot: 'systemic',
    names: [
      'how could detection time be improved',
      'how could time to diagnosis be improved',
      'how could time to mitigation be improved',
      'why was it not detected earlier',
    ],
  },
  {
    template: 'gitlab',
    slot: 'supporting',
    metadata: true,
    names: ['incident review stakeholders', 'guidelines'],
  },
  {
    template: 'gitlab',
    slot: 'systemic',
    names: ['what can be improved', 'what could be improved', 'what could have gone better'],
  },
  // Wordings from real postmortems and other templates.
  {
    template: 'generic',
    slot: 'summary',
    names: [
      'executive summary',
      'tl dr',
      'tldr',
      'description',
      'abstract',
      'background',
      'incident description',
      'incident overview',
      'overview of the incident',
      'what was the impact and summary',
    ],
  },
  {
    template: 'generic',
    slot: 'impact',
    names: [
      'business impact',
      'impact assessment',
      'scope',
      'scope and impact',
      'customer facing impact',
      'who was affected',
      'what was affected',
      'affected services',
      'impacted services',
      'services affected',
    ],
  },
  {
    template: 'generic',
    slot: 'mechanism',
    names: [
      'cause',
      'causes',
      'technical details',
      'technical analysis',
      'technical summary',
      'analysis',
      'details',
      'what went wrong technically',
      'the problem',
      'problem',
      'problem description',
      'problem statement',
      'what went wrong',
      'how did it happen',
      'how it happened',
      'what caused it',
      'what caused the incident',
      'what caused this',
      'cause of the incident',
      'the cause',
      'explanation',
      'technical explanation',
      'incident details',
      'failure',
      'the failure',
    ],
  },
  {
    template: 'generic',
    slot: 'contributing',
    names: [
      'contributing causes',
      'contributing cause',
      'factors',
      'contributors',
      'why did it happen',
      'why it happened',
      'why did this happen',
      'underlying causes',
    ],
  },
  {
    template: 'generic',
    slot: 'investigation',
    names: [
      'investigation',
      'incident response',
      'mitigation',
      'mitigation steps',
      'remediation steps taken',
      'how it was detected',
      'how we responded',
      'resolution and recovery',
      'how we fixed it',
      'how it was fixed',
      'how did we fix it',
      'how did we diagnose it',
      'how we diagnosed it',
      'diagnosis',
      'the fix',
      'fix',
      'troubleshooting',
      'debugging',
      'response and mitigation',
      'mitigation and resolution',
      'resolution and mitigation',
      'detection and mitigation',
      'recovery steps',
      'how was it resolved',
      'how it was resolved',
      'how was it detected',
      'how did we detect it',
      'how we detected it',
      'how did we respond',
    ],
  },
  {
    template: 'generic',
    slot: 'systemic',
    names: [
      'why it was not caught',
      'why wasn t it caught',
      'why was it not caught',
      'process',
      'organizational factors',
      'organisational factors',
      'what went badly',
      'what didn t go well',
      'what did not go well',
      'what went poorly',
      'things that went wrong',
      'where we got unlucky',
    ],
  },
  {
    template: 'generic',
    slot: 'lessons',
    names: [
      'learnings',
      'takeaways',
      'what we learned',
      'what we learnt',
      'key takeaways',
      'what went right',
      'things that went well',
      'conclusion',
      'conclusions',
      'retrospective',
    ],
  },
  {
    template: 'generic',
    slot: 'timeline',
    names: [
      'incident timeline',
      'chronology',
      'sequence of events',
      'timeline of events',
      'detailed timeline',
      'event timeline',
      'timeline summary',
    ],
  },
  {
    template: 'generic',
    slot: 'actionItems',
    names: [
      'action plan',
      'next steps',
      'remediation',
      'remediations',
      'corrective and preventative measures',
      'corrective and preventive measures',
      'corrective and preventative actions',
      'corrective and preventive actions',
      'preventive measures',
      'preventative measures',
      'preventive actions',
      'preventative actions',
      'tasks',
      'todo',
      'to do',
      'what we re changing',
      'what we are changing',
      'what we re doing about it',
      'what we are doing about it',
      'what are we doing about it',
      'what we will do',
      'prevention',
      'going forward',
      'future work',
      'improvements',
      'follow up tasks',
      'remediation items',
      'action points',
    ],
  },
  {
    template: 'generic',
    slot: 'supporting',
    names: [
      'appendix',
      'references',
      'links',
      'notes',
      'related',
      'additional information',
      'glossary',
      'customer communication',
      'communication',
      'communications',
      'faq',
      'open questions',
    ],
  },
  {
    template: 'generic',
    slot: 'supporting',
    metadata: true,
    names: [
      'stats',
      'statistics',
      'attendees',
      'participants',
      'responders',
      'people involved',
      'people',
      'authors',
      'author',
      'owners',
      'status',
      'document status',
      'metadata',
      'incident metadata',
      'incident information',
      'meeting notes',
      'reviewers',
      'review',
      'approvals',
      'sign off',
      'contacts',
      'key contacts',
      'acknowledgements',
      'acknowledgments',
      'incident commander',
      'incident roles',
      'roles',
    ],
  },
];

/** Normalises a heading for lookup: "2. Root Causes:" → "root causes", "Follow-ups" → "follow ups". */
export function headingKey(heading: string): string {
  return heading
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)])\s+/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const LOOKUP = new Map<string, Rule>();
for (const rule of SECTION_RULES)
  for (const name of rule.names) if (!LOOKUP.has(name)) LOOKUP.set(name, rule);

/** Words after a known wording that do not change its meaning ("Timeline (all times PST)"). */
const QUALIFIER = /\s*(?:\(.*|\[.*|[,;:–—-]\s.*|\s-\s.*)$/;

function ruleOf(heading: string): Rule | undefined {
  const exact = LOOKUP.get(headingKey(heading));
  if (exact) return exact;
  // "Timeline (all times PST) …", "Root cause: expired certificate", "Investigation path, including dead ends".
  const head = headingKey(heading.replace(QUALIFIER, ''));
  const qualified = head ? LOOKUP.get(head) : undefined;
  if (qualified) return qualified;
  // The longest known wording the heading starts with, at a word boundary, for wordings of
  // two words or more ("Root cause of the outage", "Lessons learned from …").
  const key = headingKey(heading);
  let best: { rule: Rule; length: number } | undefined;
  for (const [name, rule] of LOOKUP) {
    if (!name.includes(' ') && !STRONG_SINGLE.has(name)) continue;
    if (key.startsWith(`${name} `) && name.length > (best?.length ?? 0))
      best = { rule, length: name.length };
  }
  return best?.rule;
}

/** Single words specific enough to name a section when a heading starts with them. */
const STRONG_SINGLE = new Set([
  'summary',
  'timeline',
  'impact',
  'detection',
  'resolution',
  'remediation',
  'mitigation',
  'investigation',
  'trigger',
  'lessons',
  'learnings',
  'takeaways',
  'chronology',
  'appendix',
  'stats',
  'attendees',
  'participants',
  'responders',
]);

export interface CanonicalSection {
  /** `sectionKey` of the canonical heading, e.g. "detailed mechanism". */
  key: string;
  /** The heading Casebook writes, e.g. "Detailed mechanism". */
  canonical: string;
  /** One of the five required sections. */
  required: boolean;
  slot: SectionSlot;
  template: Template;
  /** Document metadata (Stats, Attendees, …) rather than content. */
  metadata: boolean;
}

/** The canonical section a heading wording names, or null when the table does not know it. */
export function canonicalSection(heading: string): CanonicalSection | null {
  const rule = ruleOf(heading);
  if (!rule) return null;
  const canonical = CANONICAL_HEADINGS[rule.slot];
  return {
    key: sectionKey(canonical),
    canonical,
    required: REQUIRED_SLOTS.includes(rule.slot),
    slot: rule.slot,
    template: rule.template,
    metadata: Boolean(rule.metadata),
  };
}
