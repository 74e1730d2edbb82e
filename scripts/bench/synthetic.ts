/**
 * Deterministic synthetic reviews for benchmarks: well-formed (they pass `loadCorpus`), varied
 * (services, failure modes, severities, dates over three years, timelines, action items, the five
 * required sections with mode-specific technical text). Review `i` is always the same text.
 * Generation is string templating only, so 10,000 reviews take well under a second.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReview, type Review } from '../../src/lib/review/parse.ts';

/** The taxonomy the synthetic reviews use (copied from the project's content/). */
export const TAXONOMY_SOURCE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../content/failure-modes.yaml',
);

/** Services the synthetic corpus spreads over. */
export const SYNTHETIC_SERVICES = [
  'payments-api',
  'checkout-web',
  'orders-service',
  'inventory-sync',
  'search-indexer',
  'auth-gateway',
  'notifications-worker',
  'ledger-db',
  'catalog-cache',
  'shipping-quotes',
  'user-profile',
  'billing-batch',
] as const;

const SEVERITIES = ['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3', 'SEV3', 'SEV4', 'SEV4'] as const;
const AUTHORS = [
  'Priya Raman',
  'Tomasz Wójcik',
  'Ana Sousa',
  'Kwame Mensah',
  'Li Wei',
  'Hannah Berg',
  'Omar Haddad',
  'Sofia Rossi',
  'Jonas Keller',
  'Mei Tanaka',
];
const TEAMS = [
  'payments-team',
  'platform-sre',
  'data-infra',
  'storefront',
  'identity-team',
  'fulfilment-team',
  'observability',
];
const ACTION_STATUSES = ['open', 'in-progress', 'done', 'done', 'wont-do'] as const;
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'eu-central-1'];

/** Mode-specific vocabulary: what makes one failure mode's review read differently from another's. */
interface ModeText {
  slug: string;
  title: (s: string, v: Vars) => string;
  trigger: (s: string, v: Vars) => string;
  signal: (v: Vars) => string;
  error: (v: Vars) => string;
  config: (v: Vars) => string;
  fix: (s: string, v: Vars) => string;
  deadEnd: (v: Vars) => string;
  tags: string[];
}

interface Vars {
  n1: number;
  n2: number;
  n3: number;
  pct: number;
  version: string;
  region: string;
  host: string;
  ticket: string;
  token: string;
}

const MODES: ModeText[] = [
  {
    slug: 'connection-pool-exhaustion',
    title: (s, v) =>
      `${s} connection pool exhausted at max_pool_size ${v.n1} while queries slowed to ${v.n2} ms`,
    trigger: (s, v) => `Deploy of ${s} ${v.version} adds a join on the orders table`,
    signal: (v) => `pgbouncer \`cl_waiting\` climbs to ${v.n3 * 10}`,
    error: (v) => `FATAL: sorry, too many clients already (pool ${v.token})`,
    config: (v) => `max_pool_size: ${v.n1}`,
    fix: (s, v) =>
      `Raise \`default_pool_size\` to ${v.n1 * 2} on pgbouncer for ${s} and add a statement timeout`,
    deadEnd: (v) =>
      `We first suspected the database host ${v.host} was CPU-bound, but \`pg_stat_activity\` showed ${v.n1} idle-in-transaction sessions and CPU at ${v.pct}%.`,
    tags: ['postgres', 'pgbouncer'],
  },
  {
    slug: 'retry-storm',
    title: (s, v) =>
      `${s} retry storm: ${v.n1} retries per second without jitter after upstream timeouts`,
    trigger: (s, v) => `Upstream latency for ${s} rises past the ${v.n2} ms client timeout`,
    signal: (v) => `request rate to the dependency grows ${v.n3}x within two minutes`,
    error: (v) =>
      `context deadline exceeded (Client.Timeout exceeded while awaiting headers) id=${v.token}`,
    config: (v) => `retry.maxAttempts: ${(v.n3 % 5) + 3}, retry.backoff: constant ${v.n2} ms`,
    fix: (s) => `Add full jitter and a retry budget of 10% to the ${s} HTTP client`,
    deadEnd: (v) =>
      `A DDoS was suspected because traffic tripled, but the source addresses were our own pods in ${v.region}.`,
    tags: ['http', 'backoff'],
  },
  {
    slug: 'certificate-expiry',
    title: (s, v) =>
      `${s} mTLS handshakes failed when the intermediate certificate expired on ${v.host}`,
    trigger: () => 'The intermediate CA certificate reaches its notAfter date',
    signal: (v) => `TLS handshake failures at ${v.pct}% on the ingress`,
    error: () => 'x509: certificate has expired or is not yet valid',
    config: (v) => `cert-manager renewBefore: ${v.n3}h`,
    fix: (s) => `Alert 21 days before expiry on every certificate ${s} presents or trusts`,
    deadEnd: (v) =>
      `The load balancer ${v.host} was restarted first on the theory of a stuck listener; errors continued at the same rate.`,
    tags: ['tls', 'cert-manager'],
  },
  {
    slug: 'dns-failure',
    title: (s, v) => `${s} lookups failed when CoreDNS hit its ${v.n1} concurrent query limit`,
    trigger: (_s, v) =>
      `A batch job in ${v.region} starts resolving ${v.n1 * 10} hostnames per second`,
    signal: () => 'CoreDNS `coredns_forward_max_concurrent_rejects_total` rising',
    error: (v) => `dial tcp: lookup ${v.host}: i/o timeout`,
    config: (v) => `forward . /etc/resolv.conf { max_concurrent ${v.n1} }`,
    fix: () => 'Enable NodeLocal DNSCache and set ndots:2 in pod dnsConfig',
    deadEnd: () =>
      'The upstream VPC resolver was blamed, but queries from a debug pod on another node succeeded.',
    tags: ['dns', 'kubernetes', 'coredns'],
  },
  {
    slug: 'bad-config-push',
    title: (s, v) =>
      `${s} rejected valid requests after a config push set rate_limit.burst to ${v.n3}`,
    trigger: (s, v) => `Runtime config change ${v.ticket} rolls out to all ${s} pods at once`,
    signal: (v) => `HTTP 429 responses jump to ${v.pct}% of traffic`,
    error: (v) => `rate limit exceeded: burst=${v.n3} key=${v.token}`,
    config: (v) => `rate_limit.burst: ${v.n3} (was ${v.n1 * 10})`,
    fix: (s) => `Canary runtime config for ${s} to one zone for 15 minutes before global rollout`,
    deadEnd: () =>
      'A client bot was suspected from the 429s, but the user agents were the mobile app at normal volume.',
    tags: ['config', 'feature-flags'],
  },
  {
    slug: 'disk-full',
    title: (s, v) => `${s} writes failed with ENOSPC when debug logs filled the ${v.n1} GiB volume`,
    trigger: (s) => `Log level on ${s} left at DEBUG after an investigation`,
    signal: (v) => `disk usage on ${v.host} reaches 100%`,
    error: () => 'write /var/lib/data/wal: no space left on device',
    config: (v) => `logrotate maxsize ${v.n2}M, rotate 0`,
    fix: (s) => `Alert at 80% disk on ${s} volumes and cap log volume with a size-based rotation`,
    deadEnd: () =>
      'A database bloat problem was suspected; table sizes were unchanged since the previous week.',
    tags: ['disk', 'logging'],
  },
  {
    slug: 'clock-skew',
    title: (s, v) =>
      `${s} rejected tokens as not yet valid when chrony drifted ${v.n2} ms on ${v.host}`,
    trigger: (_s, v) => `chrony on ${v.host} loses its NTP sources after a firewall change`,
    signal: (v) => `JWT validation failures at ${v.pct}% on one node`,
    error: () => 'token used before issued (nbf check failed)',
    config: (v) => `jwt.leeway: 0s, chrony maxdistance ${v.n3}`,
    fix: () => 'Alert on chrony offset over 100 ms and allow 30 s leeway in token validation',
    deadEnd: () =>
      'The identity provider was suspected of issuing bad tokens, but other nodes accepted the same tokens.',
    tags: ['ntp', 'jwt'],
  },
  {
    slug: 'consumer-rebalance-storm',
    title: (s, v) =>
      `${s} consumer group rebalanced every ${v.n3} s because processing exceeded max.poll.interval.ms`,
    trigger: () => 'A slow downstream call makes one poll batch take longer than the poll interval',
    signal: (v) => `consumer lag grows to ${v.n1 * 1000} messages`,
    error: () =>
      'CommitFailedException: the group has already rebalanced and assigned the partitions to another member',
    config: (v) => `max.poll.interval.ms: ${v.n2 * 100}, max.poll.records: ${v.n1 * 5}`,
    fix: (s) => `Lower max.poll.records on ${s} and move the downstream call out of the poll loop`,
    deadEnd: () => 'Broker health was checked first; all brokers were in sync and under 30% CPU.',
    tags: ['kafka'],
  },
  {
    slug: 'memory-leak-oom',
    title: (s, v) =>
      `${s} OOM-killed every ${v.n3} minutes from an unbounded in-process cache in ${v.version}`,
    trigger: (s, v) => `Release ${v.version} of ${s} adds a per-tenant memo cache without eviction`,
    signal: (v) => `container memory reaches the ${v.n1 * 32} MiB limit`,
    error: () => 'OOMKilled (exit code 137)',
    config: (v) => `resources.limits.memory: ${v.n1 * 32}Mi`,
    fix: () => 'Bound the cache with an LRU of 10,000 entries and alert on restart count',
    deadEnd: () =>
      'A kernel upgrade on the nodes was suspected; pods on old kernels were killed too.',
    tags: ['memory', 'kubernetes'],
  },
  {
    slug: 'cache-stampede',
    title: (s, v) =>
      `${s} database overloaded when ${v.n1 * 100} hot keys expired together after a cache flush`,
    trigger: (s) => `Redis cache for ${s} is flushed during a failover`,
    signal: (v) => `database QPS rises from ${v.n1 * 10} to ${v.n1 * 90}`,
    error: () => 'ERR max number of clients reached',
    config: (v) => `cache.ttl: ${v.n2}s with no jitter`,
    fix: (s) => `Add request coalescing and TTL jitter to ${s} cache reads`,
    deadEnd: () =>
      'A slow query regression was suspected, but per-query latency was flat until saturation.',
    tags: ['redis', 'cache'],
  },
  {
    slug: 'deploy-regression',
    title: (s, v) =>
      `${s} ${v.version} returned HTTP 500 for ${v.pct}% of requests with an empty locale header`,
    trigger: (s, v) => `Deploy of ${s} ${v.version} reaches 100% of pods`,
    signal: (v) => `5xx rate at ${v.pct}%`,
    error: () => "TypeError: Cannot read properties of undefined (reading 'split')",
    config: (v) => `rollout.canary.steps: [${v.n3}%, 100%]`,
    fix: (s) => `Add the empty-header case to ${s} contract tests and gate the canary on 5xx rate`,
    deadEnd: () =>
      'The CDN was suspected because the errors clustered in one country; they came from one app version.',
    tags: ['deploy', 'canary'],
  },
  {
    slug: 'quota-exhaustion',
    title: (s, v) =>
      `${s} calls throttled when the cloud API quota of ${v.n1 * 100} requests per minute ran out`,
    trigger: (s) => `A backfill job shares the ${s} service account`,
    signal: (v) => `ThrottlingException count ${v.n2} per minute`,
    error: () =>
      'Rate exceeded (Service: AmazonSQS; Status Code: 400; Error Code: ThrottlingException)',
    config: (v) => `quota: ${v.n1 * 100} rpm per account in ${v.region}`,
    fix: (s) => `Give the backfill its own account and alert at 70% of the ${s} quota`,
    deadEnd: () =>
      'A regional provider outage was suspected; the provider status page was green and other accounts were fine.',
    tags: ['aws', 'quota'],
  },
  {
    slug: 'replication-lag',
    title: (s, v) => `${s} served stale reads when replica lag reached ${v.n2} s during a vacuum`,
    trigger: (_s, v) => `Autovacuum on a ${v.n1} GB table starts on the primary`,
    signal: (v) => `replica lag ${v.n2} s on ${v.host}`,
    error: () => 'order not found immediately after creation',
    config: (v) => `max_standby_streaming_delay: ${v.n3}s`,
    fix: (s) => `Route read-after-write traffic of ${s} to the primary and alert on lag above 5 s`,
    deadEnd: () =>
      'An application caching bug was suspected, but the stale rows came straight from the replica.',
    tags: ['postgres', 'replication'],
  },
  {
    slug: 'lock-contention',
    title: (s, v) =>
      `${s} requests queued behind an ACCESS EXCLUSIVE lock from a migration for ${v.n3} minutes`,
    trigger: (s, v) => `Migration ${v.ticket} adds a column with a default on a ${s} table`,
    signal: (v) => `lock waits at ${v.n1} sessions`,
    error: () => 'canceling statement due to lock timeout',
    config: (v) => `lock_timeout: 0, statement_timeout: ${v.n2}s`,
    fix: () =>
      'Set lock_timeout = 5s for migrations and run them through the online-migration tool',
    deadEnd: () =>
      'A connection leak was suspected; the sessions were all waiting on one relation lock.',
    tags: ['postgres', 'migrations'],
  },
  {
    slug: 'cascading-timeout',
    title: (s, v) => `${s} timeouts cascaded upstream because every hop waited ${v.n2 * 10} ms`,
    trigger: (_s, v) => `A slow dependency in ${v.region} adds 800 ms to p99`,
    signal: (v) => `p99 latency ${v.n2 * 10} ms across four services`,
    error: () => 'upstream request timeout',
    config: (v) => `timeout: ${v.n2 * 10}ms at every hop, no deadline propagation`,
    fix: (s) =>
      `Propagate deadlines from the edge through ${s} and shed load when the budget is spent`,
    deadEnd: () =>
      'The service mesh sidecar upgrade was suspected; rolling it back changed nothing.',
    tags: ['timeouts', 'grpc'],
  },
  {
    slug: 'data-corruption',
    title: (s, v) =>
      `${s} wrote ${v.n1 * 10} rows with truncated currency amounts after a schema change`,
    trigger: (s, v) => `Schema change ${v.ticket} narrows a numeric column used by ${s}`,
    signal: (v) => `reconciliation mismatches for ${v.n1 * 10} rows`,
    error: () => 'numeric field overflow',
    config: (v) => `amount numeric(${(v.n3 % 6) + 8},2)`,
    fix: () => 'Add a reconciliation check to the deploy pipeline and forbid narrowing migrations',
    deadEnd: () =>
      "The payment provider's export was blamed first, but its totals matched the source of truth.",
    tags: ['data', 'migrations'],
  },
];

/** Failure-mode slugs used by the generator (each must be in content/failure-modes.yaml). */
export const SYNTHETIC_FAILURE_MODES: readonly string[] = MODES.map((m) => m.slug);

/** mulberry32: a tiny deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T =>
  list[Math.floor(r() * list.length)] as T;
const q = (s: string) => JSON.stringify(s);
const DAY_MS = 86_400_000;
const START = Date.UTC(2023, 0, 1);

/** Generates review number `i` (0-based). Same `i`, same text. */
export function generateReviewMarkdown(i: number): { id: string; markdown: string } {
  const r = rng(i * 7919 + 17);
  const mode = MODES[i % MODES.length] as ModeText;
  const second = r() < 0.45 ? MODES[(i * 7 + 3) % MODES.length] : undefined;
  const service = SYNTHETIC_SERVICES[
    (i * 5 + Math.floor(i / MODES.length)) % SYNTHETIC_SERVICES.length
  ] as string;
  const other =
    r() < 0.5
      ? pick(
          r,
          SYNTHETIC_SERVICES.filter((s) => s !== service),
        )
      : undefined;
  const v: Vars = {
    n1: 8 + Math.floor(r() * 120),
    n2: 50 + Math.floor(r() * 950),
    n3: 2 + Math.floor(r() * 60),
    pct: 3 + Math.floor(r() * 90),
    version: `v${1 + Math.floor(r() * 4)}.${Math.floor(r() * 30)}.${Math.floor(r() * 10)}`,
    region: pick(r, REGIONS),
    host: `${service}-${Math.floor(r() * 40)}.${pick(r, REGIONS)}.internal`,
    ticket: `${service.split('-')[0]?.toUpperCase() ?? 'OPS'}-${1000 + i}`,
    token: `inc${i.toString(36)}x${Math.floor(r() * 1e6).toString(36)}`,
  };
  // Dates spread over three years (2023-01-01 .. 2025-12-31), deterministic but not monotonic in i.
  const day = new Date(START + ((i * 389) % 1095) * DAY_MS);
  const date = day.toISOString().slice(0, 10);
  const h = 1 + Math.floor(r() * 20);
  const m = Math.floor(r() * 50);
  const base = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h, m);
  const detectMin = 2 + Math.floor(r() * 25);
  const mitigateMin = detectMin + 5 + Math.floor(r() * 90);
  const resolveMin = mitigateMin + 3 + Math.floor(r() * 200);
  const at = (min: number) => new Date(base + min * 60_000).toISOString().replace('.000Z', 'Z');
  const severity = pick(r, SEVERITIES);
  const status = r() < 0.85 ? 'published' : 'in-review';
  const authors = [pick(r, AUTHORS), ...(r() < 0.5 ? [pick(r, AUTHORS)] : [])].filter(
    (a, k, all) => all.indexOf(a) === k,
  );
  const failureModes = second && second.slug !== mode.slug ? [mode.slug, second.slug] : [mode.slug];
  const services = other ? [service, other] : [service];
  const modeWord = mode.slug.replace(/-/g, ' ');
  const id = relatedId(i);
  // Related: an earlier review with the same primary mode, when there is one.
  const related = i >= MODES.length && r() < 0.4 ? [relatedId(i - MODES.length)] : [];
  const dueDay = new Date(day.getTime() + (14 + Math.floor(r() * 60)) * DAY_MS)
    .toISOString()
    .slice(0, 10);
  const actions = [
    {
      title: mode.fix(service, v),
      owner: pick(r, TEAMS),
      status: pick(r, ACTION_STATUSES),
      due: dueDay,
      ticket: v.ticket,
    },
    {
      title: `Add a runbook entry for "${mode.error(v).slice(0, 60)}" to the ${service} on-call guide`,
      owner: pick(r, AUTHORS),
      status: pick(r, ACTION_STATUSES),
    },
    ...(r() < 0.5
      ? [
          {
            title: `Alert when ${mode.signal(v)}`,
            owner: pick(r, TEAMS),
            status: pick(r, ACTION_STATUSES),
            due: dueDay,
          },
        ]
      : []),
  ];
  const title = mode.title(service, v);
  const users = 200 + Math.floor(r() * 40_000);
  const fm = [
    '---',
    `title: ${q(title)}`,
    `date: ${date}`,
    `severity: ${severity}`,
    `status: ${status}`,
    `services: [${services.join(', ')}]`,
    `failureModes: [${failureModes.join(', ')}]`,
    `authors: [${authors.map(q).join(', ')}]`,
    `tags: [${[...mode.tags, service.split('-')[0]].join(', ')}]`,
    `related: [${related.join(', ')}]`,
    `impact: ${q(`${v.pct}% of ${service} requests failed for ${resolveMin} minutes; about ${users.toLocaleString('en-US')} users affected in ${v.region}.`)}`,
    'timeline:',
    `  - at: ${at(-3)}`,
    `    event: ${q(mode.trigger(service, v))}`,
    '    kind: trigger',
    `  - at: ${at(0)}`,
    `    event: ${q(`Impact starts: ${mode.signal(v)}`)}`,
    '    kind: impact-start',
    `  - at: ${at(detectMin)}`,
    `    event: ${q(`Alert \`${service.replace(/-./g, (x) => x.slice(1).toUpperCase())}ErrorRate\` pages on-call`)}`,
    '    kind: detected',
    `  - at: ${at(detectMin + 4)}`,
    `    event: ${q(`Incident channel opened; ${pick(r, AUTHORS)} takes incident command`)}`,
    '    kind: escalated',
    `  - at: ${at(mitigateMin)}`,
    `    event: ${q(`Mitigation applied: ${mode.fix(service, v)}`)}`,
    '    kind: mitigated',
    `  - at: ${at(resolveMin)}`,
    `    event: ${q('Error rate back at baseline for 30 minutes; incident closed')}`,
    '    kind: resolved',
    ...(i % 5 === 0
      ? [
          `execSummary: ${q(`${service} had a ${severity} ${modeWord} for ${resolveMin} minutes on ${date}: ${v.pct}% of requests failed. The cause was ${mode.config(v)}. ${actions[0]?.title ?? ''} is the main follow-up.`)}`,
        ]
      : []),
    'actionItems:',
    ...actions.flatMap((a) => [
      `  - title: ${q(a.title)}`,
      `    owner: ${q(a.owner)}`,
      `    status: ${a.status}`,
      ...('due' in a && a.due ? [`    due: ${a.due}`] : []),
      ...('ticket' in a && a.ticket ? [`    ticket: ${a.ticket}`] : []),
    ]),
    '---',
  ];
  const secondText =
    second && second.slug !== mode.slug
      ? `The ${second.slug.replace(/-/g, ' ')} made it worse: ${second.signal(v)}, and \`${second.config(v)}\` meant nothing pushed back.`
      : `Nothing else was broken; the ${modeWord} alone explains the impact once \`${mode.config(v)}\` is taken into account.`;
  const body = [
    '',
    '## Summary',
    '',
    `On ${date} ${service} suffered a ${modeWord} in ${v.region}. ${mode.trigger(service, v)}, and within minutes ${mode.signal(v)}. ` +
      `${v.pct}% of requests failed for ${resolveMin} minutes before the incident was resolved. Incident reference \`${v.token}\`.`,
    '',
    '## Detailed mechanism',
    '',
    `The relevant setting was \`${mode.config(v)}\`. ${mode.trigger(service, v)}; with that setting, ${mode.signal(v)}. ` +
      `Clients of ${service} saw the error signature below on ${v.host}:`,
    '',
    '```text',
    `${at(1)} ERROR ${service}[${v.n3 * 113}]: ${mode.error(v)}`,
    '```',
    '',
    `${secondText} Version ${v.version} of ${service} was running at the time.`,
    '',
    '## Contributing factors',
    '',
    `- \`${mode.config(v)}\` had been tuned for steady-state load, not for the burst that followed.`,
    `- ${other ? `${other} shares the dependency, so its traffic added to the pressure.` : `${service} runs with no headroom in ${v.region}.`}`,
    `- The alert threshold of ${v.pct > 50 ? 5 : 10}% delayed detection by ${detectMin} minutes.`,
    '',
    `Each factor alone would have been harmless; together they turned a ${v.n3}-minute blip into a ${severity} incident.`,
    '',
    '## Investigation path',
    '',
    `1. On-call looked at the ${service} dashboard and saw ${mode.signal(v)}.`,
    `2. Dead end: ${mode.deadEnd(v)}`,
    `3. Searching logs for \`${mode.error(v)}\` pointed at \`${mode.config(v)}\`.`,
    `4. ${mode.fix(service, v)} was applied ${mitigateMin - detectMin} minutes after detection.`,
    '',
    '## Systemic factors',
    '',
    `The ${service} runbook did not mention ${modeWord}, and the change (${v.ticket}) was reviewed without a load test. ` +
      `Staging in ${v.region} runs at ${Math.max(1, 100 - v.pct)}% of production traffic, so the failure could not show there.`,
    '',
    '## Lessons',
    '',
    `Treat \`${mode.config(v)}\` as a capacity decision and review it with the owning team.`,
    '',
  ];
  return { id, markdown: fm.join('\n') + '\n' + body.join('\n') };
}

/** The id of review `i` without building its text (used for `related`). */
export function relatedId(i: number): string {
  const mode = MODES[i % MODES.length] as ModeText;
  const service = SYNTHETIC_SERVICES[
    (i * 5 + Math.floor(i / MODES.length)) % SYNTHETIC_SERVICES.length
  ] as string;
  const date = new Date(START + ((i * 389) % 1095) * DAY_MS).toISOString().slice(0, 10);
  return `${date}-${service}-${mode.slug}-${i}`;
}

/** Reviews 0..n-1 parsed in memory (no files, no corpus-level checks). */
export function syntheticReviews(n: number): Review[] {
  return Array.from({ length: n }, (_, i) => {
    const { id, markdown } = generateReviewMarkdown(i);
    const { review } = parseReview(id, `reviews/${id}.md`, markdown, {
      failureModes: SYNTHETIC_FAILURE_MODES,
    });
    if (!review) throw new Error(`synthetic review ${i} (${id}) did not parse`);
    return review;
  });
}

/** Incident notes the match and find-similar benchmarks query with, one per synthetic topic. */
export const BENCH_NOTES = [
  'payments-api 503s, pgbouncer cl_waiting climbing, clients waiting for a server connection, pool exhausted',
  'disk full on the database volume, ENOSPC, WAL archiving failing',
  'x509: certificate has expired or is not yet valid at the edge proxy',
  'consumer group rebalancing in a loop, max.poll.interval.ms exceeded, lag growing',
  'OOMKilled pods after deploy, memory climbing steadily, heap not released',
  'DNS resolution failures, NXDOMAIN spikes, coredns latency',
  'cache stampede after TTL expiry, redis CPU at 100%, thundering herd on the database',
  'clock skew, JWT nbf rejections, chrony unsynchronised',
  'replica lag growing, stale reads from the read replica',
  'lock contention, ALTER TABLE waiting for ACCESS EXCLUSIVE lock, queries queued',
];

/** Writes `n` synthetic reviews to `<dir>/reviews/*.md` and the taxonomy to `<dir>/failure-modes.yaml`. */
export async function writeSyntheticContent(
  dir: string,
  n: number,
  taxonomyPath = TAXONOMY_SOURCE,
): Promise<void> {
  const reviewsDir = join(dir, 'reviews');
  await mkdir(reviewsDir, { recursive: true });
  await copyFile(taxonomyPath, join(dir, 'failure-modes.yaml'));
  const batch = 64;
  for (let start = 0; start < n; start += batch) {
    const writes: Promise<void>[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const { id, markdown } = generateReviewMarkdown(i);
      writes.push(writeFile(join(reviewsDir, `${id}.md`), markdown));
    }
    await Promise.all(writes);
  }
}
