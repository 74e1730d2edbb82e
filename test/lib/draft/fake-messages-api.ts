/** A local fake of the Anthropic Messages API (node:http on 127.0.0.1, random port) for tests. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `hang` accepts the request and never answers (for client timeouts). */
export type Scenario =
  'success' | 'rate-limit-then-success' | 'server-error' | 'unauthorized' | 'hang';

export interface FakeApi {
  baseURL: string;
  /** Bodies of every request received, parsed. */
  requests: { headers: IncomingMessage['headers']; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

function sse(res: ServerResponse, text: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (event: string, data: unknown) =>
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send('message_start', {
    type: 'message_start',
    message: {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-5-5',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 100, output_tokens: 1 },
    },
  });
  send('content_block_start', {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'text', text: '' },
  });
  for (let i = 0; i < text.length; i += 200)
    send('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: text.slice(i, i + 200) },
    });
  send('content_block_stop', { type: 'content_block_stop', index: 0 });
  send('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 500 },
  });
  send('message_stop', { type: 'message_stop' });
  res.end();
}

function error(res: ServerResponse, status: number, type: string, message: string): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'retry-after-ms': '10',
    'request-id': 'req_fake',
  });
  res.end(JSON.stringify({ type: 'error', error: { type, message } }));
}

/** Starts the fake; `reply` is the text streamed back on success. */
export async function startFakeApi(scenario: Scenario, reply: string): Promise<FakeApi> {
  const requests: FakeApi['requests'] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      requests.push({
        headers: req.headers,
        body: JSON.parse(raw || '{}') as Record<string, unknown>,
      });
      if (req.url !== '/v1/messages' || req.method !== 'POST')
        return error(res, 404, 'not_found_error', `no route ${req.method} ${req.url}`);
      if (scenario === 'hang') return;
      if (scenario === 'unauthorized')
        return error(res, 401, 'authentication_error', 'invalid x-api-key');
      if (scenario === 'server-error') return error(res, 500, 'api_error', 'Internal server error');
      if (scenario === 'rate-limit-then-success' && requests.length === 1)
        return error(
          res,
          429,
          'rate_limit_error',
          'Number of requests has exceeded your rate limit',
        );
      sse(res, reply);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
