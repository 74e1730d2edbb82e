/**
 * The specifics a draft must keep verbatim: service and host names, config keys and values,
 * error strings, exception and metric names, versions, numbers with units and timestamps.
 * Also the comparison rules `verify` uses ("present" after normalising whitespace and backticks).
 * Pure.
 */

import { timesIn } from './clock.ts';
import { compoundDurationsIn, quantitiesIn } from './quantities.ts';
import { dateMentions } from './time.ts';

/** The kinds of specific the facts module extracts. */
type SpecificKind =
  | 'error-string'
  | 'config'
  | 'host'
  | 'service'
  | 'exception'
  | 'metric'
  | 'version'
  | 'quantity'
  | 'timestamp'
  | 'path'
  | 'instance-type'
  | 'command';

export interface Specific {
  kind: SpecificKind;
  /** The text as it appears in the notes (trimmed, without surrounding backticks or quotes). */
  text: string;
}

interface Span extends Specific {
  start: number;
  end: number;
}

/** Collapses whitespace, drops backticks and Markdown emphasis, straightens quotes. */
export function normalizeForCompare(text: string): string {
  return text
    .replace(/`+/g, '')
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const UNITS = [
  '%',
  'ms',
  'µs',
  'us',
  'ns',
  's',
  'sec',
  'secs',
  'second',
  'seconds',
  'min',
  'mins',
  'minute',
  'minutes',
  'h',
  'hr',
  'hrs',
  'hour',
  'hours',
  'd',
  'day',
  'days',
  'weeks',
  'B',
  'KB',
  'KiB',
  'kB',
  'MB',
  'MiB',
  'GB',
  'GiB',
  'TB',
  'TiB',
  'kb',
  'mb',
  'gb',
  'tb',
  'Gi',
  'Mi',
  'Ti',
  'req/s',
  'rps',
  'qps',
  'rpm',
  '/s',
  '/min',
  '/h',
  '/day',
  'pods',
  'nodes',
  'shards',
  'replicas',
  'cores',
  'vCPU',
  'vCPUs',
  'CPUs',
  'connections',
  'conns',
  'requests',
  'req',
  'docs',
  'members',
  'entries',
  'messages',
  'msgs',
  'keys',
  'rows',
  'users',
  'customers',
  'merchants',
  'tenants',
  'accounts',
  'orders',
  'payments',
  'transactions',
  'invoices',
  'files',
  'parts',
  'objects',
  'records',
  'items',
  'jobs',
  'batches',
  'calls',
  'errors',
  'retries',
  'threads',
  'workers',
  'partitions',
  'tickets',
  'stores',
  'failovers',
  'XIDs',
  'segments',
];
const UNIT_ALT = [
  String.raw`[A-Za-z]+/(?:s|sec|min|h|hr|day)\b`,
  ...[...UNITS].sort((a, b) => b.length - a.length).map((u) => u.replace(/[/%]/g, (c) => `\\${c}`)),
].join('|');
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
/** A number followed by a unit: `95.3%`, `310 GiB`, `4,000 docs/s`, `1.2M`. The leading `~` is not part of it. */
const QUANTITY = new RegExp(
  String.raw`(?<![\w.,:/-])(?:${NUMBER})(?:[kKMB](?:\s(?:${UNIT_ALT})|\/(?:s|sec|min|h|hr|day)\b)?|\s?(?:${UNIT_ALT}))(?![\w%])`,
  'g',
);
/** Bare numbers big enough to be specific: 2,109,368,746, 38114902, 16379 (not years inside dates). */
const BIG_NUMBER = /(?<![\w.,:/#-])(?:\d{1,3}(?:,\d{3})+|\d{4,})(?![\w%]|[.,:]\d)/g;
/** A product or library with its version: `Postgres 14.11`, `go-redis v9.5.1`, `Node.js 20.12.2`. */
const NAMED_VERSION =
  /(?<![\w.-])(?:[A-Z][\w.+-]*|[a-z][\w+]*(?:[.-][\w+]+)+) (?:v\d+(?:\.\d+)+|\d+\.\d+(?:\.\d+)*)(?![\w.]*\d|%)/g;
/** Words that precede a version without naming a product ("the v2.8.1", "to 7.17.9"). */
const NOT_A_NAME =
  /^(?:the|a|an|at|on|in|into|to|from|and|or|of|by|was|is|are|were|v|version|versions|release|released|deploy|deployed|rolled|rollback|upgrade|upgraded|bump|bumped|since|until|after|before|with|than|then|only|back|new|old|on|our|its|their|this|that|running|ran|pinned|pin|tag|build)\s/i;

/** `cluster-node-timeout 15000`: a hyphenated setting followed by its number. */
const SPACED_CONFIG = /(?<![\w.-])[a-z]+(?:-[a-z]+){2,} \d{2,}(?:ms|s)?(?![\w.])/g;
/** Tickets, PRs and chat channels: PAY-2210, #2291, #db-alerts-old. */
const REFERENCE =
  /(?<![\w&#/-])(?:[A-Z][A-Z0-9]+-\d+|#\d{2,}|#[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+)(?![\w-])/g;
/** A version: v1.2, v1.2.3, 1.2.3, 20.12.2, 2026.04.22-1 (X.Y.Z with optional suffix). */
const VERSION =
  /(?<![\w.-])(?:v\d+(?:\.\d+)+|\d+\.\d+\.\d+(?:\.\d+)?)(?:-[0-9A-Za-z.]+)?(?![\w.]*\d)/g;
/** A year alone ("in 2024") is not a specific; a date holding it is (time.ts reads dates). */
const YEAR = /^(?:1[89]|20)\d{2}$/;
/**
 * URL paths and absolute file paths: `/.well-known/acme-challenge/`, `/api/v1/orders`,
 * `/var/lib/pgsql` (a URL's path stays with its host). Not a unit (`req/s`), a pair of words (`read/write`) or a ratio (`24/7`).
 */
const PATH = /(?<![\w.:/~\-\])])\/(?:[\w.@%+~-]+\/)*[\w.@%+~-]*/g;
/** A path with two segments or more, or a trailing slash, or one segment of four characters or more. */
const isPath = (path: string): boolean => {
  const segments = path.slice(1).split('/');
  const named = segments.filter((p) => /[A-Za-z]/.test(p) && p.length >= 2);
  if (named.length === 0) return false;
  return (
    segments.length >= 2 ||
    (/^[\w.@%+~-]{4,}$/.test(segments[0] ?? '') &&
      !/^(?:sec|secs|mins?|hours?|days?|week|month|year)$/i.test(segments[0] ?? ''))
  );
};
/**
 * Instance and machine types: AWS (`m5.large`, `db.r6g.2xlarge`, `cache.t3.micro`), GCP
 * (`n2-standard-8`, `e2-medium`) and Azure (`Standard_D4s_v3`).
 */
const INSTANCE_TYPE =
  /(?<![\w.-])(?:(?:(?:db|cache|ml|search|ra3|dc2)\.)?[a-z]{1,3}\d[a-z\d-]*\.(?:nano|micro|small|medium|large|xlarge|\d{1,2}xlarge|metal(?:-\d+xl)?)|(?:n1|n2|n2d|n4|e2|c2|c2d|c3|c3d|c4|m1|m2|m3|t2a|t2d|a2|a3|g2|h3)-(?:standard|highmem|highcpu|megamem|ultramem|medium|small|micro|custom)(?:-\d+)*|Standard_[A-Z][A-Za-z0-9]*(?:_v\d+)?)(?![\w.-])/g;
/**
 * Command-line tools named in incident notes. Names that are also English words (`top`, `kill`,
 * `free`) count only as the start of a backticked command (`kill -9 4411`).
 */
const TOOLS =
  'kubectl helm terraform ansible docker podman systemctl journalctl psql pg_dump pg_restore pg_repack pg_basebackup pg_ctl pgbench mysqldump redis-cli mongosh cqlsh nodetool kafka-topics kafka-consumer-groups kafka-reassign-partitions kafka-configs curl wget nslookup traceroute tcpdump strace ltrace iptables nftables netstat lsof htop iostat vmstat openssl certbot rsync gcloud gsutil eksctl kubeadm etcdctl istioctl argocd fluxctl consul-template jq xfs_repair fsck crontab logrotate sysctl ulimit jstack jmap pprof nmap ethtool'.split(
    ' ',
  );
const WORD_TOOLS =
  'kill pkill top free df du ip ss ping dig git aws az go make mount umount reboot vault sed awk grep tar dd'.split(
    ' ',
  );
const toolAlt = (names: string[]) =>
  [...names]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[-]/g, '\\-'))
    .join('|');
/** A tool named in prose: the name alone (its arguments are specifics of their own). */
const TOOL = new RegExp(String.raw`(?<![\w./-])(?:${toolAlt(TOOLS)})(?![\w-])`, 'g');
/** A backticked literal that starts with a tool is a command, kept whole. */
const TOOL_START = new RegExp(String.raw`^(?:${toolAlt([...TOOLS, ...WORD_TOOLS])})(?:\s|$)`);
/** key=value and key: value where the key looks like a config key (dotted, snake_case, camelCase or --flag). */
const CONFIG =
  /(?<![\w.\-/])((?:[a-z0-9]+(?:[.-][a-z0-9]+)*\.[a-z]{2,}\/[A-Za-z0-9][\w.-]*)|(?:--?)?[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)+|[a-z]+[A-Z][A-Za-z0-9]*|--?[a-z][a-z0-9]*(?:-[a-z0-9]+)+)(?:\s?=\s?|:\s)("[^"\n]*"|[^\s,;)\]}"'`]+)/g;
/** Fully qualified host names (at least three labels) and IPv4 addresses with optional port. */
const HOST =
  /(?<![\w.-])(?:(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.){2,}(?:internal|local|lan|corp|com|net|org|io|dev|cloud|svc|cluster|prod|aws|gcp|co|uk|de|eu|us|app|site|shop|example)|(?:\d{1,3}\.){3}\d{1,3})(?::\d{2,5})?(?![\w-])/g;
/** Upper-case error codes: SSL_ERROR_EXPIRED_CERT_ALERT, ERR_TLS_CERT_ALTNAME_INVALID, DEADLINE_EXCEEDED. */
const ERROR_CODE =
  /(?<![\w.])(?=[A-Z0-9_]*(?:ERR|FAIL|EXPIRED|DENIED|TIMEOUT|TIMED_OUT|INVALID|EXCEEDED|UNAVAILABLE|REFUSED|EXHAUSTED))[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w])/g;
/** Exceptions and error classes: NodeDisconnectedException, ECONNRESET, ENOSPC. */
const EXCEPTION =
  /(?<![\w.])(?:[A-Z][A-Za-z0-9]*(?:Exception|Error)|E(?:CONN|NO|ADDR|PIPE|ACCES|TIMEDOUT|HOST|NET|AGAIN|MFILE|PERM|EXIST|INVAL)[A-Z]*)(?![\w])/g;
/** Metric names: snake_case with at least two underscores, or one and a metric suffix. */
const METRIC =
  /(?<![\w.-])[a-z][a-z0-9]*(?:_[a-z0-9]+){2,}(?:\{[^}\n]*\})?(?![\w])|(?<![\w.-])[a-z][a-z0-9]*_(?:total|seconds|bytes|count|ratio|ms|usec|length|lag)(?![\w])/g;
/** CamelCase alert and signal names with three or more humps: SearchIndexerLagHigh. */
const ALERT = /(?<![\w.])[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+){2,}(?![\w])/g;
/** Lower-case hyphenated names that look like services, clusters or nodes. */
const HYPHENATED = /(?<![\w.\-/])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w/]|-\w|\.\w)/g;

const SERVICE_SUFFIXES = new Set([
  'api',
  'svc',
  'service',
  'services',
  'web',
  'edge',
  'gateway',
  'gw',
  'proxy',
  'relay',
  'indexer',
  'runner',
  'worker',
  'workers',
  'db',
  'prod',
  'production',
  'staging',
  'stg',
  'cluster',
  'cache',
  'queue',
  'broker',
  'consumer',
  'producer',
  'scheduler',
  'cron',
  'job',
  'jobs',
  'batch',
  'sync',
  'server',
  'backend',
  'frontend',
  'app',
  'ui',
  'bff',
  'router',
  'lb',
  'ingress',
  'controller',
  'operator',
  'agent',
  'exporter',
  'collector',
  'store',
  'registry',
  'auth',
  'node',
  'data',
  'master',
  'primary',
  'replica',
  'pool',
  'redis',
  'kafka',
  'postgres',
  'pg',
  'mysql',
  'es',
]);
const NOT_SERVICE_FIRST = new Set([
  'in',
  'on',
  'off',
  'non',
  're',
  'pre',
  'post',
  'self',
  'ok',
  'read',
  'write',
  'follow',
  'lower',
  'upper',
  'well',
  'up',
  'so',
  'per',
  'multi',
  'auto',
  'hand',
  'one',
  'two',
  'three',
  'half',
  'full',
  'top',
  'high',
  'low',
  'long',
  'short',
  'real',
  'built',
  'opt',
  'cross',
  'end',
  'time',
  'server',
  'client',
  'single',
  'double',
  'third',
  'first',
  'second',
  'last',
  'next',
  'all',
  'any',
  'out',
  'back',
  'roll',
  'load',
  'fail',
  'fall',
  'hot',
  'cold',
  'ping',
  'sign',
  'log',
  'mid',
  'over',
  'under',
  'de',
  'co',
  'x',
  'e',
  'i',
  'a',
  'ad',
  'day',
  'week',
  'month',
  'year',
  'hard',
  'soft',
  'no',
  'not',
  'never',
  'must',
  'nice',
  'same',
  'old',
  'new',
  'bad',
  'good',
  'top',
  'rate',
  'user',
  'root',
]);

/** Words ending in -er/-or that do not name what a component does. */
const NOT_AGENT = new Set(
  'other after never over under number order border error user letter water paper better later quarter matter manner member summer winter center color colour floor door factor major minor prior interior exterior senior junior layer header footer'.split(
    ' ',
  ),
);

function looksLikeService(name: string): boolean {
  const parts = name.split('-');
  const first = parts[0] ?? '';
  if (NOT_SERVICE_FIRST.has(first)) return false;
  if (parts.some((p) => /\d/.test(p)))
    return (
      !/^\d+$/.test(parts[parts.length - 1] ?? '') ||
      parts.length > 2 ||
      /[a-z]/.test(parts[1] ?? '')
    );
  if (parts.some((p) => SERVICE_SUFFIXES.has(p))) return true;
  // A component named for what it does: cert-renewer, event-dispatcher, feed-poller.
  const last = parts[parts.length - 1] ?? '';
  return parts.length === 2 && /^[a-z]{3,}(?:er|or)$/.test(last) && !NOT_AGENT.has(last);
}

const ERRORISH =
  /\b(?:error|errors|exception|fail(?:ed|ure|s)?|timed? ?out|timeout|refused|denied|invalid|cannot|can't|unable|not found|exceeded|blocked|unavailable|panic|fatal|reset|expired|busy|down|rejected|forbidden)\b/i;

/** What a backticked literal holds, for the checklist. */
function literalKind(inner: string): SpecificKind {
  const whole = (re: RegExp) => new RegExp(`^(?:${re.source})$`).test(inner);
  if (TOOL_START.test(inner)) return 'command';
  if (whole(INSTANCE_TYPE)) return 'instance-type';
  if (whole(CONFIG)) return 'config';
  if (whole(EXCEPTION)) return 'exception';
  if (whole(METRIC) || whole(ALERT)) return 'metric';
  if (whole(HOST)) return 'host';
  if (whole(HYPHENATED)) return 'service';
  return 'error-string';
}

function pushAll(
  spans: Span[],
  text: string,
  pattern: RegExp,
  kind: SpecificKind,
  accept: (m: RegExpExecArray) => { text: string; start: number; kind?: SpecificKind } | null = (
    m,
  ) => ({ text: m[0], start: m.index }),
) {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const found = accept(m);
    if (found && found.text.trim())
      spans.push({
        kind: found.kind ?? kind,
        text: found.text,
        start: found.start,
        end: found.start + found.text.length,
      });
    if (m[0].length === 0) pattern.lastIndex++;
  }
}

/** Every specific with its position in `text`, including ones nested inside bigger ones. */
function allSpans(text: string): Span[] {
  const spans: Span[] = [];
  // Backticked spans: error strings, config lines, commands, metric names.
  pushAll(spans, text, /`([^`\n]+)`/g, 'error-string', (m) => {
    const inner = (m[1] ?? '').trim();
    if (inner.length < 2 || /^[a-z]{1,3}$/.test(inner) || /^\[REDACTED:[a-z-]+\]$/.test(inner))
      return null;
    return {
      text: inner,
      start: m.index + 1 + (m[1] ?? '').indexOf(inner),
      kind: literalKind(inner),
    };
  });
  // Quoted error strings (double quotes, outside backticks).
  pushAll(spans, text, /(?<![\w=])"([^"\n]{6,200})"(?![\w])/g, 'error-string', (m) => {
    const inner = (m[1] ?? '').trim();
    if (!ERRORISH.test(inner) || !/\s/.test(inner)) return null;
    return { text: inner, start: m.index + 1 + (m[1] ?? '').indexOf(inner) };
  });
  pushAll(spans, text, CONFIG, 'config', (m) => {
    const value = (m[2] ?? '').replace(/[.:]+$/, '');
    if (!value || /^\[REDACTED/.test(value) || /^(?:\/\/|https?)/.test(value)) return null;
    // "v5.3.0: rolled back" is a version followed by prose, not a setting.
    if (/^v?\d+(?:\.\d+)+$/i.test(m[1] ?? '')) return null;
    const whole = m[0].slice(0, m[0].length - (m[2] ?? '').length) + value;
    // "java.net.UnknownHostException: db.internal" is an error message, not a setting.
    const kind = /(?:Exception|Error)$/.test(m[1] ?? '') ? 'error-string' : 'config';
    return { text: whole, start: m.index, kind };
  });
  // Times and dates, read by the one time reader (time.ts) with their zone and year.
  for (const t of timesIn(text))
    spans.push({ kind: 'timestamp', text: t.text, start: t.index, end: t.index + t.text.length });
  for (const d of dateMentions(text))
    spans.push({ kind: 'timestamp', text: d.text, start: d.index, end: d.index + d.text.length });
  pushAll(spans, text, PATH, 'path', (m) => (isPath(m[0]) ? { text: m[0], start: m.index } : null));
  pushAll(spans, text, INSTANCE_TYPE, 'instance-type');
  // A tool named in a sentence; a line that starts with one is a pasted command line, whose
  // hosts, paths and values are specifics of their own.
  pushAll(spans, text, TOOL, 'command', (m) =>
    /^[ \t>*-]*$/.test(text.slice(text.lastIndexOf('\n', m.index) + 1, m.index))
      ? null
      : { text: m[0], start: m.index },
  );
  pushAll(spans, text, HOST, 'host', (m) =>
    /^\d+\.\d+\.\d+$/.test(m[0]) ? null : { text: m[0], start: m.index },
  );
  pushAll(spans, text, VERSION, 'version', (m) =>
    /^(?:\d{1,3}\.){3}\d{1,3}$/.test(m[0]) ? null : { text: m[0], start: m.index },
  );
  pushAll(spans, text, QUANTITY, 'quantity', (m) => {
    // A bare single digit with a one-letter unit ("2 x", "1 h") is too weak to check.
    if (/^\d\s?[a-zA-Z]$/.test(m[0]) && !/^\d\s?[hsd]$/.test(m[0])) return null;
    return { text: m[0], start: m.index };
  });
  pushAll(spans, text, NAMED_VERSION, 'version', (m) =>
    NOT_A_NAME.test(m[0]) ? null : { text: m[0], start: m.index },
  );
  pushAll(spans, text, SPACED_CONFIG, 'config');
  pushAll(spans, text, REFERENCE, 'service');
  pushAll(spans, text, BIG_NUMBER, 'quantity', (m) =>
    YEAR.test(m[0]) ? null : { text: m[0], start: m.index },
  );
  // A duration in several units is one value ("1h 18m", "4 min 30 s"), never its first part.
  for (const q of compoundDurationsIn(text))
    spans.push({ kind: 'quantity', text: q.text, start: q.index, end: q.index + q.text.length });
  pushAll(spans, text, HTTP_STATUS, 'error-string');
  pushAll(spans, text, ERROR_CODE, 'exception');
  // Counts with a qualifier between number and noun: "720 failed orders", "3 stuck consumers".
  for (const q of quantitiesIn(text))
    if (q.dimension === 'count' && q.qualifier)
      spans.push({ kind: 'quantity', text: q.text, start: q.index, end: q.index + q.text.length });
  pushAll(spans, text, EXCEPTION, 'exception');
  pushAll(spans, text, METRIC, 'metric');
  pushAll(spans, text, ALERT, 'metric');
  pushAll(spans, text, HYPHENATED, 'service', (m) =>
    looksLikeService(m[0]) ? { text: m[0], start: m.index } : null,
  );
  return spans;
}

/**
 * Keeps the outermost span where spans nest, so `a.b: 85%` is one specific, not three; spans that
 * overlap without nesting are one value cut in two (`notAfter=Aug` and `Aug  3 03:00:00 2026 GMT`)
 * and become their union, with the kind of the one that starts first.
 */
function outermost(spans: Span[], text: string): Span[] {
  const sorted = [...spans].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Span[] = [];
  for (const span of sorted) {
    if (kept.some((k) => k.start <= span.start && span.end <= k.end)) continue;
    const cut = kept.find((k) => k.start < span.end && span.start < k.end);
    if (cut) {
      if (span.start < cut.start) cut.kind = span.kind;
      cut.start = Math.min(cut.start, span.start);
      cut.end = Math.max(cut.end, span.end);
      cut.text = text.slice(cut.start, cut.end);
      continue;
    }
    kept.push({ ...span });
  }
  return kept
    .filter((k) => !kept.some((o) => o !== k && o.start <= k.start && k.end <= o.end))
    .sort((a, b) => a.start - b.start);
}

/**
 * Extracts the specifics of `notes` (already redacted), each once, in order of first appearance.
 * Nested specifics are folded into the biggest one that holds them at every occurrence.
 */
export function extractSpecifics(notes: string): Specific[] {
  const spans = outermost(allSpans(notes), notes);
  const seen = new Set<string>();
  const out: Specific[] = [];
  for (const span of spans) {
    const text = span.text.trim();
    const key = normalizeForCompare(text);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: span.kind, text });
  }
  return out;
}

/** Specifics of the kinds `verify` checks for invention: config values, quantities, versions, error strings. */
export function checkableSpecifics(text: string): Specific[] {
  // verify judges a duration in several units whole itself (compoundDurationsIn).
  const compounds = new Set(compoundDurationsIn(text).map((q) => `${q.index}:${q.text}`));
  const spans = allSpans(text).filter(
    (s) =>
      (s.kind === 'quantity' && !compounds.has(`${s.start}:${s.text}`)) ||
      s.kind === 'config' ||
      s.kind === 'version' ||
      s.kind === 'instance-type' ||
      ((s.kind === 'error-string' || s.kind === 'command') &&
        /\s/.test(s.text.trim()) &&
        (ERRORISH.test(s.text) || /\d/.test(s.text))),
  );
  const seen = new Set<string>();
  return outermost(spans, text)
    .filter((s) => {
      const key = normalizeForCompare(s.text);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(({ kind, text }) => ({ kind, text: text.trim() }));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Splits a config specific into key and value, or null. */
export function configParts(text: string): { key: string; value: string } | null {
  const m = /^(.+?)(?:\s?=\s?|:\s)(.+)$/.exec(normalizeForCompare(text));
  return m ? { key: m[1] ?? '', value: (m[2] ?? '').replace(/^"|"$/g, '') } : null;
}

/**
 * A matcher for `specific` inside normalised text: exact after normalising whitespace and
 * backticks, not glued to a longer word or number. `a: 1` and `a=1` count as the same config.
 */
function specificPattern(specific: Specific): RegExp {
  const norm = normalizeForCompare(specific.text);
  let body: string;
  const parts = specific.kind === 'config' ? configParts(norm) : null;
  if (parts) body = `${escape(parts.key)}\\s?(?:=|:)\\s?"?${escape(parts.value)}"?`;
  else body = escape(norm).replace(/\\? /g, '\\s?');
  // A date and time may be written with either separator: "2026-03-26 13:40" is "2026-03-26T13:40:00Z".
  if (specific.kind === 'timestamp')
    body = body.replace(/^(\d{4}-\d{2}-\d{2})(?:\\s\?|T)/, '$1[T ]');
  const first = norm[0] ?? '';
  const last = norm[norm.length - 1] ?? '';
  // Times may be glued to a date ("2026-05-03T14:26:00Z" holds "14:26").
  const before = /\w/.test(first)
    ? specific.kind === 'timestamp'
      ? '(?<![A-SU-Za-z0-9_])(?<![0-9.]\\d)'
      : '(?<![\\w])(?<!\\d[.,])'
    : '';
  const after = /\w/.test(last) || last === '%' ? '(?![\\w%])(?![.,]\\d)' : '';
  return new RegExp(`${before}${body}${after}`, specific.kind === 'config' ? 'i' : '');
}

/** True when `haystack` (normalised with `normalizeForCompare`) holds `specific`. */
export function hasSpecific(haystack: string, specific: Specific): boolean {
  return specificPattern(specific).test(haystack);
}

/** A bare config key: snake_case or dotted with an underscore (`upstream.timeout_ms`), or camelCase (`maxIdleConns`). */
const CONFIG_KEY =
  /(?<![\w.\-/@$])(?:[a-z][a-z0-9]*(?:\.[a-z][a-z0-9]*)*_[a-z0-9]+(?:[._][a-z0-9]+)*|[a-z]{2,}(?:[A-Z][a-z0-9]+)+)(?![\w/@-]|\.\w)/g;
const WHOLE_KEY = new RegExp(`^(?:${CONFIG_KEY.source})$`);
/** HTTP statuses: `HTTP 503`, `HTTP 503s`, `HTTP/1.1 502`, `status 429`, `503 Service Unavailable`. */
const HTTP_STATUS =
  /(?<![\w/])(?:HTTP(?:\/\d(?:\.\d)?)?\s?[1-5]\d\d(?:s\b)?|status(?: code)? [1-5]\d\d|[1-5]\d\d (?:Service Unavailable|Bad Gateway|Gateway Time-?out|Too Many Requests|Internal Server Error|Not Found|Forbidden|Unauthorized|Bad Request|Request Timeout|Conflict))(?![\w])/g;
/**
 * An error message in the style of Go and C libraries, unquoted: `x509: certificate has expired
 * or is not yet valid`, `dial tcp: lookup db.internal: no such host`. The prefix is a library or
 * operation token; the message runs to the end of the clause.
 */
const ERROR_MESSAGE =
  /(?<![\w.\-/])(?:(?:x509|tls|ssl|openssl|dial(?: tcp| udp)?|read(?: tcp)?|write(?: tcp)?|connect|lookup [\w.-]+|rpc error|grpc|http2?|net\/http|context|pq|redis|mysql|curl|io|EOF|[a-z]+\d+[a-z\d]*)(?:: ))+[a-z][^.,;:()\n`"]*?(?=\s+(?:for|after|since|until|during|while|when|because|so|and|but|from|at|on|in|to|across)\s|[.,;:()\n`"]|$)/g;
const MESSAGE_WORDS =
  /\b(?:expired|refused|reset|timeout|timed out|deadline|exceeded|no such|broken pipe|not yet valid|unknown authority|handshake|denied|invalid|unavailable|too many|failed|failure|cannot|unable|closed|EOF)\b/i;

/** Specific kinds a reader outside engineering has no use for: error strings, exceptions, statuses, config keys, metric names, commands. */
type TechnicalKind = 'error-string' | 'exception' | 'config' | 'metric';

export interface TechnicalSpan {
  kind: TechnicalKind;
  text: string;
  /** Offsets in the text, widened to take in surrounding backticks or quotes. */
  start: number;
  end: number;
}

/**
 * Locates the specifics of `text` that an executive summary leaves out, quoted or not: error
 * strings and messages (`x509: certificate has expired`), exceptions and errno codes (`ENOSPC`),
 * HTTP statuses (`HTTP 503`), config keys with or without a value (`upstream.timeout_ms`,
 * `maxIdleConns=2`), metric and alert names, and backticked commands. Names of services and
 * hosts, versions, quantities and times are not technical in this sense and are not returned.
 * Outermost spans, in order.
 */
export function technicalSpans(text: string): TechnicalSpan[] {
  const spans = allSpans(text).filter((s) => {
    // A backticked command is technical; a tool named in a sentence is not.
    if (s.kind === 'command') {
      if (text[s.start - 1] !== '`') return false;
      s.kind = 'error-string';
    }
    if (s.kind === 'error-string')
      return !/^(?:v?\d[\w.-]*|[\d.,]+\s?\S*|[A-Za-z][\w-]* v?\d+(?:\.\d+)+)$/.test(s.text);
    return s.kind === 'config' || s.kind === 'exception' || s.kind === 'metric';
  });
  pushAll(spans, text, CONFIG_KEY, 'config', (m) =>
    /^(?:iphone|ipad|macos|ios|ebay)$/i.test(m[0]) ? null : { text: m[0], start: m.index },
  );
  pushAll(spans, text, HTTP_STATUS, 'error-string');
  pushAll(spans, text, ERROR_MESSAGE, 'error-string', (m) =>
    MESSAGE_WORDS.test(m[0]) ? { text: m[0], start: m.index } : null,
  );
  // Names and numbers inside a technical span belong to it ("lookup db.internal: no such host").
  const named = allSpans(text).filter((s) => !spans.includes(s));
  return outermost(spans, text)
    .filter(
      (s) =>
        !named.some(
          (n) => n.start <= s.start && s.end <= n.end && n.end - n.start > s.end - s.start,
        ),
    )
    .map((s) => {
      let { start, end } = s;
      while (
        start > 0 &&
        end < text.length &&
        /[`"'“]/.test(text[start - 1] ?? '') &&
        /[`"'”]/.test(text[end] ?? '')
      ) {
        start--;
        end++;
      }
      const kind = WHOLE_KEY.test(s.text) ? 'config' : (s.kind as TechnicalKind);
      return { kind, text: s.text, start, end };
    });
}
