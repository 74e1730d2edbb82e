/** Severity from a source field or free text. Pure. */
import type { Severity } from '../review/schema.ts';

/** Maps a severity word ("SEV-1", "P2", "critical", "minor"; Jira's "Highest" … "Lowest") to SEV1–SEV4. */
export function severityOf(value: string | undefined): Severity | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  const n =
    /\bsev(?:erity)?\s*-?\s*([1-4])\b/.exec(v)?.[1] ??
    /^\s*p\s*-?([1-4])\b/.exec(v)?.[1] ??
    /^\s*([1-4])\s*$/.exec(v)?.[1];
  if (n) return `SEV${n}` as Severity;
  if (/\b(critical|sev0|p0|emergency|highest|blocker)\b/.test(v)) return 'SEV1';
  if (/\b(major|high)\b/.test(v)) return 'SEV2';
  if (/\b(medium|moderate|minor)\b/.test(v)) return 'SEV3';
  if (/\b(low|lowest|trivial)\b/.test(v)) return 'SEV4';
  return undefined;
}

/** The severity free text states ("SEV2", "sev-1", "declared SEV 3"), or undefined. */
export function severityInText(text: string): Severity | undefined {
  const n = /\bsev(?:erity)?\s?-?\s?([1-4])\b/i.exec(text)?.[1];
  return n ? (`SEV${n}` as Severity) : undefined;
}
