/**
 * Heading name → Casebook destination: the mapping table for the Google SRE book template,
 * the PagerDuty template and common generic names. Pure.
 */

/** Where the material under a source heading goes. */
export type Destination =
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

/** The Casebook section each body destination is written under. */
export const DESTINATION_SECTION: Record<
  Exclude<Destination, 'impact' | 'timeline' | 'actionItems'>,
  string
> = {
  summary: 'Summary',
  mechanism: 'Detailed mechanism',
  contributing: 'Contributing factors',
  investigation: 'Investigation path',
  systemic: 'Systemic factors',
  lessons: 'Lessons',
  supporting: 'Supporting information',
};

/** Which template a heading name comes from (for the import report only). */
export type Template = 'sre-book' | 'pagerduty' | 'generic';

interface Rule {
  names: string[];
  to: Destination;
  template: Template;
}

/**
 * The mapping table. Names are compared after `headingKey` (lower case, punctuation and
 * numbering removed). First rule whose names contain the key wins.
 */
export const HEADING_RULES: readonly Rule[] = [
  // Google SRE book (Site Reliability Engineering, appendix D "Example Postmortem").
  { template: 'sre-book', to: 'summary', names: ['summary'] },
  { template: 'sre-book', to: 'impact', names: ['impact'] },
  { template: 'sre-book', to: 'mechanism', names: ['root causes', 'root cause', 'trigger'] },
  { template: 'sre-book', to: 'investigation', names: ['resolution', 'detection'] },
  { template: 'sre-book', to: 'actionItems', names: ['action items'] },
  {
    template: 'sre-book',
    to: 'lessons',
    names: ['lessons learned', 'what went well', 'where we got lucky'],
  },
  { template: 'sre-book', to: 'timeline', names: ['timeline'] },
  // PagerDuty postmortem template.
  { template: 'pagerduty', to: 'summary', names: ['overview'] },
  { template: 'pagerduty', to: 'mechanism', names: ['what happened'] },
  {
    template: 'pagerduty',
    to: 'contributing',
    names: ['contributing factors', 'contributing factor'],
  },
  {
    template: 'pagerduty',
    to: 'actionItems',
    names: ['follow ups', 'follow up', 'followups', 'follow up actions'],
  },
  {
    template: 'pagerduty',
    to: 'lessons',
    names: ['how d we do', 'how did we do', 'what didn t go so well', 'what didnt go so well'],
  },
  // Generic names seen in other templates (and Casebook's own section names).
  {
    template: 'generic',
    to: 'summary',
    names: [
      'executive summary',
      'incident summary',
      'tl dr',
      'tldr',
      'description',
      'abstract',
      'background',
    ],
  },
  {
    template: 'generic',
    to: 'impact',
    names: [
      'customer impact',
      'user impact',
      'business impact',
      'impact assessment',
      'scope',
      'scope and impact',
    ],
  },
  {
    template: 'generic',
    to: 'mechanism',
    names: [
      'detailed mechanism',
      'root cause analysis',
      'cause',
      'causes',
      'technical details',
      'technical analysis',
      'analysis',
      'details',
      'what went wrong technically',
      'the problem',
      'problem',
      'what went wrong',
    ],
  },
  {
    template: 'generic',
    to: 'contributing',
    names: ['contributing causes', 'factors', 'contributors'],
  },
  {
    template: 'generic',
    to: 'investigation',
    names: [
      'investigation path',
      'investigation',
      'response',
      'incident response',
      'mitigation',
      'recovery',
      'remediation steps taken',
      'how it was detected',
      'how we responded',
      'detection and response',
      'resolution and recovery',
      'how we fixed it',
      'how it was fixed',
      'the fix',
      'fix',
    ],
  },
  {
    template: 'generic',
    to: 'systemic',
    names: [
      'systemic factors',
      'why it was not caught',
      'why wasn t it caught',
      'process',
      'organizational factors',
      'organisational factors',
    ],
  },
  {
    template: 'generic',
    to: 'lessons',
    names: ['lessons', 'learnings', 'takeaways', 'what we learned', 'key takeaways'],
  },
  {
    template: 'generic',
    to: 'timeline',
    names: ['incident timeline', 'chronology', 'sequence of events', 'timeline of events'],
  },
  {
    template: 'generic',
    to: 'actionItems',
    names: [
      'action plan',
      'next steps',
      'remediation',
      'remediations',
      'corrective actions',
      'corrective and preventative measures',
      'preventive measures',
      'preventative measures',
      'follow up items',
      'tasks',
      'todo',
      'what we re changing',
      'what we are changing',
      'what we re doing about it',
      'what we are doing about it',
      'prevention',
    ],
  },
  {
    template: 'generic',
    to: 'supporting',
    names: ['supporting information', 'appendix', 'references', 'links', 'notes'],
  },
];

/**
 * Subsections under a Lessons heading that belong elsewhere: in the SRE-book template, "What went
 * wrong" under "Lessons Learned" lists process and tooling failures (Systemic factors), while a
 * top-level "What went wrong" section describes the failure itself (Detailed mechanism).
 */
export const LESSONS_SUBSECTION_RULES: Readonly<Record<string, Destination>> = {
  'what went wrong': 'systemic',
  'what didn t go so well': 'systemic',
  'what didnt go so well': 'systemic',
  'what could have gone better': 'systemic',
};

/** Where a subsection goes given its parent's destination, when that differs from the parent (else undefined). */
export function subsectionDestination(
  parent: Destination,
  heading: string,
): Destination | undefined {
  const key = headingKey(heading);
  if (parent === 'lessons') return LESSONS_SUBSECTION_RULES[key];
  return undefined;
}

/** Normalises a heading for lookup: "2. Root Causes:" → "root causes", "Follow-ups" → "follow ups". */
export function headingKey(heading: string): string {
  return heading
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)])\s+/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const LOOKUP = new Map<string, Rule>();
for (const rule of HEADING_RULES)
  for (const name of rule.names) if (!LOOKUP.has(name)) LOOKUP.set(name, rule);

/** Where a heading's material goes; unknown headings go to Supporting information. */
export function destinationOf(heading: string): {
  to: Destination;
  template: Template;
  known: boolean;
} {
  const rule = LOOKUP.get(headingKey(heading));
  return rule
    ? { to: rule.to, template: rule.template, known: true }
    : { to: 'supporting', template: 'generic', known: false };
}

/** True when the heading name is in the mapping table. */
export const isKnownHeading = (heading: string): boolean => LOOKUP.has(headingKey(heading));

/**
 * Labels of `Label: value` metadata lines (SRE-book style preamble) that fill front-matter
 * fields rather than sections.
 */
export type MetaField =
  | 'title'
  | 'date'
  | 'authors'
  | 'severity'
  | 'services'
  | 'tags'
  | 'categories'
  | 'company'
  | 'url'
  | 'status'
  | 'other';

const META_LABELS: Record<string, MetaField> = {
  title: 'title',
  date: 'date',
  'incident date': 'date',
  authors: 'authors',
  author: 'authors',
  'written by': 'authors',
  severity: 'severity',
  sev: 'severity',
  priority: 'severity',
  services: 'services',
  service: 'services',
  'affected services': 'services',
  'services affected': 'services',
  'systems affected': 'services',
  tags: 'tags',
  keywords: 'tags',
  categories: 'categories',
  category: 'categories',
  company: 'company',
  url: 'url',
  link: 'url',
  source: 'url',
  status: 'status',
};

/** The front-matter field a `Label:` line fills, if any. */
export const metaFieldOf = (label: string): MetaField | undefined => META_LABELS[headingKey(label)];
