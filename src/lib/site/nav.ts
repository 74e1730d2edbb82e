/** The site's main navigation. Other features append their entry here (one line each). */
export interface NavEntry {
  /** Site-absolute path, ending in `/`. */
  href: string;
  /** The link text. */
  label: string;
}

export const NAV: NavEntry[] = [
  { href: '/', label: 'Reviews' },
  { href: '/failure-modes/', label: 'Failure modes' },
  { href: '/services/', label: 'Services' },
  { href: '/search/', label: 'Search' },
  { href: '/similar/', label: 'Find similar incidents' },
  { href: '/stats/', label: 'Stats' },
  { href: '/oncall/', label: 'On-call' },
];
