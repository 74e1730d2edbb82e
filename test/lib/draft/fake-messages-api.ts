/** A local fake of the Anthropic Messages API (node:http on 127.0.0.1, random port) for tests. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * `hang` accepts the request and never answers (for client timeouts). The stream faults:
 * `stall-after-headers` sends the SSE headers and the first events, then nothing, forever;
 * `trickle` sends a ping every 50 ms forever (never idle, never done);
 * `cut-stream` closes the connection in the middle of the stream;
 * `malformed-sse` sends an event whose data is not JSON;
 * `html-200` answers 200 with an HTML page (a captive portal or proxy);
 * `empty-200` answers 200 with an event-stream content type and no events.
 */
export type Scenario =
  | 'success'
  | 'rate-limit-then-success'
  | 'server-error'
  | 'unauthorized'
  | 'hang'
  | 'stall-after-headers'
  | 'trickle'
  | 'cut-stream'
  | 'malformed-sse'
  | 'html-200'
  | 'empty-200';

export interface FakeApi {
  baseURL: string;
  /** Bodies of every request received, parsed. */
  requests: { headers: IncomingMessage['headers']; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

const send = (res: ServerResponse, event: string, data: unknown) =>
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

function startEvents(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  send(res, 'message_start', {
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
  send(res, 'content_block_start', {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'text', text: '' },
  });
}

const textDelta = (text: string) => ({
  type: 'content_block_delta',
  index: 0,
  delta: { type: 'text_delta', text },
});

/** Answers a stream fault scenario; false when `scenario` is not one. */
function fault(res: ServerResponse, scenario: Scenario): boolean {
  switch (scenario) {
    case 'stall-after-headers':
      startEvents(res);
      send(res, 'content_block_delta', textDelta('## Summary\n'));
      return true;
    case 'trickle': {
      startEvents(res);
      const timer = setInterval(() => send(res, 'ping', { type: 'ping' }), 50);
      res.on('close', () => clearInterval(timer));
      return true;
    }
    case 'cut-stream':
      startEvents(res);
      send(res, 'content_block_delta', textDelta('## Summary\nThe pool '));
      setTimeout(() => res.socket?.destroy(), 20);
      return true;
    case 'malformed-sse':
      startEvents(res);
      res.write(
        'event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0, "delta": {\n\n',
      );
      setTimeout(() => res.end(), 20);
      return true;
    case 'html-200':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body><h1>Sign in to the guest Wi-Fi</h1></body></html>');
      return true;
    case 'empty-200':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end();
      return true;
    default:
      return false;
  }
}

function sse(res: ServerResponse, text: string): void {
  startEvents(res);
  for (let i = 0; i < text.length; i += 200)
    send(res, 'content_block_delta', textDelta(text.slice(i, i + 200)));
  send(res, 'content_block_stop', { type: 'content_block_stop', index: 0 });
  send(res, 'message_delta', {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 500 },
  });
  send(res, 'message_stop', { type: 'message_stop' });
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
      if (fault(res, scenario)) return;
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
