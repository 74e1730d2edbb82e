import { afterEach, describe, expect, it } from 'vitest';
import {
  streamCompletion,
  DEFAULT_MODEL,
  modelOf,
  timeoutsOf,
} from '../../../src/lib/draft/claude.ts';
import { CasebookError, EXIT_CODES } from '../../../src/lib/errors.ts';
import { startFakeApi, type FakeApi, type Scenario } from './fake-messages-api.ts';

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const settings = (baseURL: string) => ({
  apiKey: 'sk-test-key',
  baseURL,
  model: DEFAULT_MODEL,
  maxRetries: 2,
  timeout: 5000,
});

describe('streamCompletion', () => {
  it('streams the text and reports progress as it arrives', async () => {
    const reply = 'x'.repeat(950);
    api = await startFakeApi('success', reply);
    const seen: number[] = [];
    const text = await streamCompletion(
      settings(api.baseURL),
      { system: 'sys', user: 'hello' },
      (_d, n) => seen.push(n),
    );
    expect(text).toBe(reply);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1]).toBe(950);
    const body = api.requests[0]?.body;
    expect(body?.stream).toBe(true);
    expect(body?.model).toBe('claude-sonnet-5-5');
    expect(body?.system).toBe('sys');
    expect(JSON.stringify(api.requests[0]?.headers)).toContain('sk-test-key');
  });

  it('retries a 429 and then succeeds', async () => {
    api = await startFakeApi('rate-limit-then-success', 'done');
    await expect(streamCompletion(settings(api.baseURL), { system: 's', user: 'u' })).resolves.toBe(
      'done',
    );
    expect(api.requests).toHaveLength(2);
  });

  it('maps a 500 on every attempt to API_SERVER after the retries', async () => {
    api = await startFakeApi('server-error', '');
    const error = await streamCompletion(settings(api.baseURL), { system: 's', user: 'u' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CasebookError);
    expect((error as CasebookError).code).toBe('API_SERVER');
    expect((error as CasebookError).exitCode).toBe(6);
    expect(api.requests).toHaveLength(3);
  });

  it('maps a 401 to API_AUTH without retrying', async () => {
    api = await startFakeApi('unauthorized', '');
    const error = (await streamCompletion(settings(api.baseURL), { system: 's', user: 'u' }).catch(
      (e: unknown) => e,
    )) as CasebookError;
    expect(error.code).toBe('API_AUTH');
    expect(error.message).toMatch(/ANTHROPIC_API_KEY/);
    expect(api.requests).toHaveLength(1);
  });

  it('maps a server that never answers to API_TIMEOUT with its message and exit code', async () => {
    api = await startFakeApi('hang', '');
    const error = (await streamCompletion(
      { ...settings(api.baseURL), maxRetries: 1, timeout: 200 },
      { system: 's', user: 'u' },
    ).catch((e: unknown) => e)) as CasebookError;
    expect(error).toBeInstanceOf(CasebookError);
    expect(error.code).toBe('API_TIMEOUT');
    expect(error.exitCode).toBe(EXIT_CODES.API_TIMEOUT);
    expect(error.message).toMatch(/timed out.*--offline/);
    expect(api.requests).toHaveLength(2);
  });

  it('maps an unreachable server to API_CONNECTION', async () => {
    api = await startFakeApi('success', '');
    const url = api.baseURL;
    await api.close();
    api = undefined;
    const error = (await streamCompletion(
      { ...settings(url), maxRetries: 0 },
      { system: 's', user: 'u' },
    ).catch((e: unknown) => e)) as CasebookError;
    expect(error.code).toBe('API_CONNECTION');
  });

  // Every stream failure: the documented timeout/connection exit code 7 and one line of message.
  const faults: [Scenario, string, RegExp][] = [
    [
      'stall-after-headers',
      'API_TIMEOUT',
      /timed out: the stream was silent for 1 s after 11 characters/,
    ],
    ['trickle', 'API_TIMEOUT', /timed out: no complete answer within 2 s/],
    ['cut-stream', 'API_CONNECTION', /Anthropic API/],
    ['malformed-sse', 'API_CONNECTION', /malformed event stream/],
    ['html-200', 'API_CONNECTION', /Anthropic API/],
    ['empty-200', 'API_CONNECTION', /Anthropic API/],
  ];
  for (const [scenario, code, message] of faults) {
    it(`maps a ${scenario} response to ${code} (exit 7) with a one-line message`, async () => {
      api = await startFakeApi(scenario, '');
      const started = Date.now();
      // Each timeout scenario leaves only its own timer in reach, so a loaded machine that
      // pauses the process for over a second cannot fire the other one first.
      const timeouts =
        scenario === 'trickle'
          ? { timeout: 2000, idleTimeout: 30_000 }
          : scenario === 'stall-after-headers'
            ? { timeout: 30_000, idleTimeout: 1000 }
            : { timeout: 30_000, idleTimeout: 30_000 };
      const error = (await streamCompletion(
        { ...settings(api.baseURL), maxRetries: 0, ...timeouts },
        { system: 's', user: 'u' },
      ).catch((e: unknown) => e)) as CasebookError;
      expect(error).toBeInstanceOf(CasebookError);
      expect(error.code).toBe(code);
      expect(error.exitCode).toBe(7);
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/--offline\.$/);
      expect(error.message).not.toContain('\n');
      // Well before either long timer: the scenario's own timer ended it.
      expect(Date.now() - started).toBeLessThan(20_000);
    });
  }

  it('reads both timeouts from the environment and rejects values that are not positive numbers', () => {
    expect(timeoutsOf({})).toEqual({});
    expect(
      timeoutsOf({ CASEBOOK_API_TIMEOUT_MS: '120000', CASEBOOK_API_IDLE_TIMEOUT_MS: '15000' }),
    ).toEqual({ timeout: 120000, idleTimeout: 15000 });
    expect(() => timeoutsOf({ CASEBOOK_API_IDLE_TIMEOUT_MS: 'soon' })).toThrow(
      'CASEBOOK_API_IDLE_TIMEOUT_MS="soon" is not a positive number of milliseconds',
    );
    expect(() => timeoutsOf({ CASEBOOK_API_TIMEOUT_MS: '0' })).toThrow(/CASEBOOK_API_TIMEOUT_MS/);
  });

  it('takes the model from the flag, then CASEBOOK_MODEL_DRAFT, then the default', () => {
    expect(modelOf('claude-opus-4-1', { CASEBOOK_MODEL_DRAFT: 'x' })).toBe('claude-opus-4-1');
    expect(modelOf(undefined, { CASEBOOK_MODEL_DRAFT: 'claude-haiku-4-5' })).toBe(
      'claude-haiku-4-5',
    );
    expect(modelOf(undefined, {})).toBe(DEFAULT_MODEL);
  });
});

interface CannedFault {
  name: string;
  /** What the API (or whatever answers at the base URL) sends back. */
  response: () => Response;
  code: string;
  exit: number;
  message: RegExp;
}

const canned = (body: string, status: number, type: string) => () =>
  new Response(body, { status, headers: { 'content-type': type } });
const apiError = (type: string, message: string) =>
  JSON.stringify({ type: 'error', error: { type, message } });
const events = (...lines: string[]) => lines.join('\n');
const START = events(
  'event: message_start',
  'data: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}',
  '',
  'event: content_block_start',
  'data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
  '',
  '',
);

// Answers a client meets behind proxies, wrong base URLs and size limits: each ends in one line
// with the documented exit code, and never echoes a web page.
const CANNED: CannedFault[] = [
  {
    name: 'a 413 for a request that is too large',
    response: canned(apiError('request_too_large', 'Request too large'), 413, 'application/json'),
    code: 'API_OTHER',
    exit: 8,
    message:
      /refused the request \(413\) \(Request too large\)\. The request is too large: trim or split the notes, or use --offline\.$/,
  },
  {
    name: 'a 400 for a prompt over the context window',
    response: canned(
      apiError('invalid_request_error', 'prompt is too long'),
      400,
      'application/json',
    ),
    code: 'API_OTHER',
    exit: 8,
    message:
      /refused the request \(400\) \(prompt is too long\)\. Check --model and the size of the notes\.$/,
  },
  {
    name: 'a 404 web page from a wrong base URL',
    response: canned('<!DOCTYPE html><html><body>Not Found</body></html>', 404, 'text/html'),
    code: 'API_OTHER',
    exit: 8,
    message:
      /refused the request \(404\): the answer was a web page, not an API error\. Check --model \(claude-[\w.-]+\) and ANTHROPIC_BASE_URL\.$/,
  },
  {
    name: 'a 200 with content-type text/plain',
    response: canned('OK', 200, 'text/plain'),
    code: 'API_CONNECTION',
    exit: 7,
    message: /answered without a complete message stream/,
  },
  {
    name: 'a stream cut in the middle of a JSON event',
    response: canned(
      `${START}event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_de`,
      200,
      'text/event-stream',
    ),
    code: 'API_CONNECTION',
    exit: 7,
    message: /Anthropic API/,
  },
];

describe('streamCompletion on held-out answers', () => {
  for (const f of CANNED) {
    it(`maps ${f.name} to ${f.code} (exit ${f.exit}) in one line`, async () => {
      const error = await streamCompletion(
        {
          apiKey: 'sk-test-key',
          baseURL: 'http://127.0.0.1:9',
          model: DEFAULT_MODEL,
          maxRetries: 0,
          fetch: async () => f.response(),
        },
        { system: 's', user: 'u' },
      ).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CasebookError);
      const e = error as CasebookError;
      expect(e.code).toBe(f.code);
      expect(e.exitCode).toBe(f.exit);
      expect(e.message).toMatch(f.message);
      expect(e.message).not.toContain('\n');
      expect(e.message).not.toContain('<html');
    });
  }
});
