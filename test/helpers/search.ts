/** Small review corpora for the similarity tests: each review about one distinct mechanism. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeContent, reviewMarkdown } from './content.ts';

export interface TopicReview {
  title: string;
  services: string;
  failureModes: string;
  text: string;
}

export const TOPICS: Record<string, TopicReview> = {
  '2025-01-10-pgbouncer-pool-exhaustion': {
    title: 'pgbouncer pool exhaustion under a retry storm',
    services: '[payments-api, pgbouncer-payments]',
    failureModes: '[connection-pool-exhaustion, retry-storm]',
    text: 'pgbouncer-payments ran out of server connections; cl_waiting climbed and clients waited for a pool slot while payments-api retried without jitter.',
  },
  '2025-02-11-wal-disk-full': {
    title: 'Disk full on ledger-db after WAL archiving stalled',
    services: '[ledger-service]',
    failureModes: '[disk-full]',
    text: 'archive_command failed with AccessDenied, pg_wal grew until the volume was full and writes failed with ENOSPC.',
  },
  '2025-03-12-expired-intermediate': {
    title: 'Expired intermediate certificate broke TLS handshakes at the edge',
    services: '[edge-proxy]',
    failureModes: '[certificate-expiry]',
    text: 'clients failed with x509: certificate has expired or is not yet valid after the cross-signed intermediate expired.',
  },
  '2025-04-13-kafka-rebalance-storm': {
    title: 'Kafka consumer rebalance storm after max.poll.interval.ms was exceeded',
    services: '[order-events]',
    failureModes: '[consumer-rebalance-storm]',
    text: 'slow batches exceeded max.poll.interval.ms=300000, consumers left the group and the group rebalanced in a loop; lag grew on order-events.',
  },
};

export function topicMarkdown(topic: TopicReview, extra = ''): string {
  const body = [
    'Summary',
    'Detailed mechanism',
    'Contributing factors',
    'Investigation path',
    'Systemic factors',
  ]
    .map(
      (h, i) =>
        `## ${h}\n${i === 0 ? topic.title + '. ' : ''}${topic.text}${i === 1 ? ` ${extra}` : ''}\n`,
    )
    .join('\n');
  return reviewMarkdown({
    frontMatter: {
      title: JSON.stringify(topic.title),
      services: topic.services,
      failureModes: topic.failureModes,
    },
    body,
  });
}

/** A temp content folder with the four topic reviews (names ending in .md). */
export async function makeTopicContent(
  ids: readonly string[] = Object.keys(TOPICS),
): Promise<string> {
  return makeContent(Object.fromEntries(ids.map((id) => [`${id}.md`, topicMarkdown(TOPICS[id]!)])));
}

/** A fresh LanceDB folder URI. */
export async function makeDbDir(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'casebook-db-')), 'lancedb');
}

/** A local S3-compatible server (s3rver) on 127.0.0.1, a random port and a temp folder. */
export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** The variables a user sets for an S3-compatible store (AWS_ENDPOINT, keys, region, AWS_ALLOW_HTTP). */
  env: Record<string, string>;
  /** The same settings as `--db-option key=value` pairs. */
  dbOptions: string[];
  close(): Promise<void>;
}

export async function startLocalS3(bucket = 'casebook'): Promise<LocalS3> {
  const { default: S3rver } = await import('s3rver');
  const directory = await mkdtemp(join(tmpdir(), 'casebook-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const env = {
    AWS_ENDPOINT: endpoint,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
    AWS_ALLOW_HTTP: 'true',
  };
  return {
    endpoint,
    bucket,
    env,
    dbOptions: Object.entries(env).map(([k, v]) => `${k.toLowerCase()}=${v}`),
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
