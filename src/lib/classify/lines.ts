/**
 * Line-level signals shared by the classifiers: a suspect or ruled-out path (a dead end), a page
 * or alert, and a customer-visible failure. Pure.
 */

/** Words that mark a suspect or a ruled-out path. */
export const DEAD_END =
  /\b(?:suspect(?:ed|s)?|thought|ruled? out|not it|dead[- ]end|red herring|false lead|wasn'?t the|not the (?:cause|relay|problem|issue)|hypothes[ie]s|ruling out|excluded)\b/i;

/** A symptom the notes explicitly set aside ("a symptom, not the cause"). */
const SET_ASIDE = /\bsymptom,? not the cause\b/i;

/** True when the line names a suspect or a path the notes ruled out. */
export const isRuledOut = (line: string): boolean => DEAD_END.test(line) || SET_ASIDE.test(line);

/** A person or rotation was paged, or an alert fired (and the line does not say it did not). */
const PAGE =
  /\bpage[ds]?\b|\bpaging\b|\bpagerduty\b|\balert(?:ed|s)?\b(?:.*\b(?:fired|firing|triggered)\b)?|\bfired\b|\bincident (?:opened|declared)\b|\bdeclared (?:an? )?(?:incident|sev)/i;
const NOT_PAGED =
  /\bno (?:automated )?(?:alert|page)s?\b|\bnothing paged\b|\bnot paged\b|\bno one paged\b/i;

/** True when the line reports a page or an alert that fired. */
export const isPage = (line: string): boolean => PAGE.test(line) && !NOT_PAGED.test(line);

/** A line that reports users, customers or requests being hurt. */
export const CUSTOMER_VISIBLE =
  /\b(?:5\d\d|5xx|4\d\d)s?\b|\berrors?\b|\bfail(?:ed|ing|ures?|s)?\b|\btimeouts?\b|\btimed out\b|\blatency\b|\bp9\d\b|\bBUSY\b|\bunavailable\b|\bdown\b|\boutage\b|\bcustomers?\b.*\b(?:saw|see|could not|couldn't|can't|cannot|report)|\bsupport\b.*\btickets?\b|\d+(?:\.\d+)?%\s*(?:->|→)/i;
