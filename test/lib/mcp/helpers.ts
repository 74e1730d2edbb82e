/** Test helpers for the MCP server: the sample corpus in a temp folder with a lexical index. */
import { cp, mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { embedCorpus } from '../../../src/lib/search/embed.ts';
import { captureIo } from '../../helpers/io.ts';
import { SAMPLE_CONTENT } from '../../helpers/content.ts';

export const PGBOUNCER_ID = '2026-02-19-payments-api-pgbouncer-pool-exhaustion-retry-storm';

/** Secrets planted in notes; none may appear in any tool result. */
export const SECRETS = {
  aws: 'AKIAZ7Q4R2M9XK3PLW8V',
  github: 'ghp_Zq8Lm2Nv5Rt7Wx1Yb4Cd6Ef9Gh3Jk0Pa2Sd5F',
  dsnPassword: 'Tr0ub4dor-and-3',
} as const;

/** pgbouncer pool-exhaustion notes with the secrets planted in them. */
export const PGBOUNCER_NOTES = `14:05 UTC payments-api returning 503 on /v2/authorize, about 30% of card authorisations failing.
pgbouncer-payments: cl_waiting over 300 per pod, errors "no more connections allowed (max_client_conn)".
payments-api retries every 250 ms (retry.fixed_backoff_ms: 250), no jitter. paycfg push at 13:47 changed upstream.timeout_ms from 30000 to 5000.
Suspected the acquirer first; ruled out, same latency profile the previous days.
DSN from the pod env: postgres://payments:${SECRETS.dsnPassword}@pgbouncer-payments:6432/payments
aws_access_key_id=${SECRETS.aws}
token pasted in chat: ${SECRETS.github}
`;

export interface SampleSetup {
  contentDir: string;
  dbUri: string;
  dir: string;
}

/** Copies the sample corpus to a temp folder and builds its index with the lexical embedder. */
export async function sampleWithIndex(): Promise<SampleSetup> {
  const dir = await mkdtemp(join(tmpdir(), 'casebook-mcp-'));
  const contentDir = join(dir, 'content');
  await cp(SAMPLE_CONTENT, contentDir, { recursive: true });
  const dbUri = join(dir, 'lancedb');
  await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo({ cwd: dir }) });
  return { contentDir, dbUri, dir };
}

/** Every secret value that occurs in `text`. */
export const leakedSecrets = (text: string): string[] =>
  Object.values(SECRETS).filter((s) => text.includes(s));

/** A tool result as the server sends it: text parts and the error flag. */
export interface TextResult {
  content: { type: string; text: string }[];
  isError?: boolean;
}

/**
 * `call` (text and error flag) and `callJson` (parsed, asserting no error) for a connected client;
 * every text is also pushed to `sink`, so a test can check all results for leaked secrets.
 */
export function toolCaller(
  client: () => Client,
  sink: string[],
  expectOk: (isError: boolean, text: string) => void,
) {
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const result = (await client().callTool({ name, arguments: args })) as TextResult;
    const text = result.content.map((c) => c.text).join('\n');
    sink.push(text);
    return { text, isError: result.isError === true };
  };
  const callJson = async (name: string, args: Record<string, unknown> = {}) => {
    const { text, isError } = await call(name, args);
    expectOk(isError, text);
    return JSON.parse(text) as Record<string, unknown>;
  };
  return { call, callJson };
}

/** Every file and folder under `dir` with its size and modification time, to prove nothing changed. */
export async function snapshot(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  const lines = await Promise.all(
    entries.map(async (entry) => {
      const info = await stat(join(dir, entry));
      return `${entry} ${info.size} ${info.mtimeMs}`;
    }),
  );
  return lines.sort();
}
