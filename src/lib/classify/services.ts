/**
 * Services involved in an incident: the components the notes say failed or served errors, then
 * the other named services, never one the notes only mention as a suspect they ruled out. Pure.
 */
import { extractSpecifics } from '../facts/index.ts';
import { CUSTOMER_VISIBLE, isRuledOut } from './lines.ts';

/** Hyphenated names with a service-like tail (`inventory-svc`, `orders-db`, `edge-proxy-2`). */
const SERVICE_TAIL =
  /-(?:api|svc|service|web|edge|gateway|gw|proxy|relay|indexer|runner|worker|workers|sync|app|backend|frontend|bff|router|consumer|producer|scheduler|cron|batch|cache|db|queue|broker|prod|cluster)(?:-\d+)?$/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The services involved, best first: names with a service-like tail that appear in a line
 * reporting a failure, then the other such names, in order of first appearance. A name that
 * only ever appears in lines naming a ruled-out suspect is left out.
 */
export function servicesInvolved(notes: string, limit = 6): string[] {
  const lines = notes.split(/\r?\n/);
  const names = [
    ...new Set(
      extractSpecifics(notes)
        .filter(
          (s) => s.kind === 'service' && /^[a-z0-9]/i.test(s.text) && SERVICE_TAIL.test(s.text),
        )
        .map((s) => s.text),
    ),
  ];
  const failed: string[] = [];
  const other: string[] = [];
  for (const name of names) {
    const re = new RegExp(`(?<![\\w-])${escape(name)}(?![\\w-])`);
    const mentions = lines.filter((l) => re.test(l));
    const live = mentions.filter((l) => !isRuledOut(l));
    if (!live.length) continue;
    (live.some((l) => CUSTOMER_VISIBLE.test(l)) ? failed : other).push(name);
  }
  return [...failed, ...other].slice(0, limit);
}
