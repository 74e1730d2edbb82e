/**
 * The Claude client for drafting and executive summaries: `@anthropic-ai/sdk` built from injected
 * settings (key, base URL, fetch, retries, timeouts), streaming with progress as text arrives,
 * and SDK errors mapped to CasebookError codes with clear one-line messages.
 *
 * Two timeouts guard a stream. `CASEBOOK_API_TIMEOUT_MS` (default 10 minutes) bounds each attempt
 * until the response headers (the SDK's timeout, with its retries) and then the whole streamed
 * answer; `CASEBOOK_API_IDLE_TIMEOUT_MS` (default 60 s) is the longest silence allowed on the
 * stream once the headers are in (any bytes count, keep-alive pings included), so a stream that stalls after the headers fails instead of
 * hanging. Every stream failure (stall, cut connection, malformed events, a 200 that is not an
 * event stream) is API_TIMEOUT or API_CONNECTION (exit 7).
 */
import Anthropic, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  InternalServerError,
  PermissionDeniedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import { CasebookError } from '../errors.ts';

/** The default drafting model (override with --model or CASEBOOK_MODEL_DRAFT). */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';

export interface ClaudeSettings {
  apiKey: string;
  /** API base URL; tests point it at a local fake. Default https://api.anthropic.com (or ANTHROPIC_BASE_URL). */
  baseURL?: string | undefined;
  fetch?: typeof fetch | undefined;
  /** SDK retries on 408/409/429/5xx and connection errors (default 2). */
  maxRetries?: number;
  /** Total time allowed for one completion, in ms (default 10 minutes). */
  timeout?: number;
  /** Longest silence allowed on the stream, in ms (default 60 s, at most `timeout`). */
  idleTimeout?: number;
  model: string;
  /** Largest response (default 8192 tokens). */
  maxTokens?: number;
}

export interface CompletionRequest {
  system: string;
  user: string;
}

/** Called as text arrives: the new text and the characters received so far. */
export type OnText = (delta: string, received: number) => void;

/** The model from --model, else CASEBOOK_MODEL_DRAFT, else the default. */
export const modelOf = (
  flag: string | undefined,
  env: Record<string, string | undefined>,
): string => flag || env.CASEBOOK_MODEL_DRAFT || DEFAULT_MODEL;

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
const DEFAULT_IDLE_TIMEOUT_MS = 60 * 1000;

/**
 * `timeout` and `idleTimeout` from CASEBOOK_API_TIMEOUT_MS and CASEBOOK_API_IDLE_TIMEOUT_MS
 * (unset: the defaults). Throws USAGE naming the variable when one is not a positive number.
 */
export function timeoutsOf(env: Record<string, string | undefined>): {
  timeout?: number;
  idleTimeout?: number;
} {
  const read = (name: string): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0)
      throw new CasebookError(
        'USAGE',
        `${name}="${raw}" is not a positive number of milliseconds. Set it to e.g. 120000, or unset it.`,
      );
    return value;
  };
  const out: { timeout?: number; idleTimeout?: number } = {};
  const timeout = read('CASEBOOK_API_TIMEOUT_MS');
  const idleTimeout = read('CASEBOOK_API_IDLE_TIMEOUT_MS');
  if (timeout !== undefined) out.timeout = timeout;
  if (idleTimeout !== undefined) out.idleTimeout = idleTimeout;
  return out;
}

/** Builds the SDK client from injected settings only (no credential files, no env lookups). */
function createClient(settings: ClaudeSettings, onBytes?: () => void): Anthropic {
  return new Anthropic({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL ?? 'https://api.anthropic.com',
    fetch: onBytes ? observedFetch(settings.fetch ?? fetch, onBytes) : settings.fetch,
    maxRetries: settings.maxRetries ?? 2,
    timeout: settings.timeout ?? DEFAULT_TIMEOUT_MS,
    logLevel: 'off',
  });
}

/** `fetch` that calls `onBytes` whenever response bytes arrive (keep-alive pings included). */
function observedFetch(base: typeof fetch, onBytes: () => void): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.body) return response;
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          onBytes();
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** Streams one completion and resolves to its full text. Throws CasebookError (API_*) on failure. */
export async function streamCompletion(
  settings: ClaudeSettings,
  request: CompletionRequest,
  onText: OnText = () => {},
): Promise<string> {
  let onBytes = () => {};
  const client = createClient(settings, () => onBytes());
  const total = settings.timeout ?? DEFAULT_TIMEOUT_MS;
  const idle = Math.min(settings.idleTimeout ?? DEFAULT_IDLE_TIMEOUT_MS, total);
  let received = 0;
  let timedOut: 'idle' | 'total' | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  let totalTimer: NodeJS.Timeout | undefined;
  try {
    const stream = client.messages.stream({
      model: settings.model,
      max_tokens: settings.maxTokens ?? 8192,
      system: request.system,
      messages: [{ role: 'user', content: request.user }],
    });
    const stop = (why: 'idle' | 'total') => {
      timedOut ??= why;
      stream.abort();
    };
    const armIdle = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => stop('idle'), idle);
    };
    // Until the headers arrive the SDK's own timeout and retries apply; after them, these two.
    stream.on('connect', () => {
      armIdle();
      totalTimer ??= setTimeout(() => stop('total'), total);
    });
    stream.on('streamEvent', armIdle);
    onBytes = () => {
      if (idleTimer) armIdle();
    };
    stream.on('text', (delta: string) => {
      received += delta.length;
      onText(delta, received);
    });
    const message = await stream.finalMessage();
    const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    if (!text.trim())
      throw new CasebookError(
        'API_OTHER',
        `the model (${settings.model}) returned no text (stop reason: ${message.stop_reason ?? 'unknown'}). Try again, or use --offline.`,
      );
    if (message.stop_reason === 'max_tokens')
      throw new CasebookError(
        'API_OTHER',
        `the model (${settings.model}) stopped at the token limit before finishing the draft; nothing was written. Trim the notes or use --offline.`,
      );
    return text;
  } catch (error) {
    if (timedOut === 'idle')
      throw new CasebookError(
        'API_TIMEOUT',
        `the Anthropic API timed out: the stream was silent for ${idle / 1000} s${received ? ` after ${received} characters` : ''} (CASEBOOK_API_IDLE_TIMEOUT_MS). Try again, raise the limit, or use --offline.`,
        { cause: error },
      );
    if (timedOut === 'total')
      throw new CasebookError(
        'API_TIMEOUT',
        `the Anthropic API timed out: no complete answer within ${total / 1000} s (CASEBOOK_API_TIMEOUT_MS). Try again, raise the limit, or use --offline.`,
        { cause: error },
      );
    throw apiError(error, settings.model);
  } finally {
    clearTimeout(idleTimer);
    clearTimeout(totalTimer);
  }
}

/** Maps an SDK error (or any error) to a CasebookError with a clear message. */
function apiError(error: unknown, model: string): CasebookError {
  if (error instanceof CasebookError) return error;
  const detail = error instanceof APIError && error.apiMessage ? ` (${error.apiMessage})` : '';
  if (error instanceof AuthenticationError) {
    return new CasebookError(
      'API_AUTH',
      `the Anthropic API rejected the key (401)${detail}. Check ANTHROPIC_API_KEY, or use --offline.`,
      { cause: error },
    );
  }
  if (error instanceof PermissionDeniedError) {
    return new CasebookError(
      'API_AUTH',
      `the key is not allowed to use ${model} (403)${detail}. Check the key's workspace permissions or pick another --model.`,
      { cause: error },
    );
  }
  if (error instanceof RateLimitError) {
    return new CasebookError(
      'API_RATE_LIMIT',
      `rate limited by the Anthropic API (429) after retries${detail}. Wait a minute and try again, or use --offline.`,
      { cause: error },
    );
  }
  if (error instanceof InternalServerError) {
    return new CasebookError(
      'API_SERVER',
      `the Anthropic API failed with ${error.status} after retries${detail}. Try again later, or use --offline.`,
      { cause: error },
    );
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new CasebookError(
      'API_TIMEOUT',
      'the request to the Anthropic API timed out after retries. Check the network, or use --offline.',
      { cause: error },
    );
  }
  if (error instanceof APIConnectionError) {
    const cause = (error.cause as Error | undefined)?.message;
    return new CasebookError(
      'API_CONNECTION',
      `cannot reach the Anthropic API${cause ? ` (${cause})` : ''}. Check the network or ANTHROPIC_BASE_URL, or use --offline.`,
      { cause: error },
    );
  }
  if (error instanceof APIError) {
    // Errors sent inside the stream carry a type instead of a status.
    const type = error.type ?? '';
    if (type === 'overloaded_error' || type === 'api_error')
      return new CasebookError(
        'API_SERVER',
        `the Anthropic API failed mid-stream (${type})${detail}. Try again later, or use --offline.`,
        { cause: error },
      );
    if (type === 'rate_limit_error')
      return new CasebookError(
        'API_RATE_LIMIT',
        `rate limited by the Anthropic API mid-stream${detail}. Wait and try again, or use --offline.`,
        { cause: error },
      );
    if (type === 'authentication_error' || type === 'permission_error')
      return new CasebookError(
        'API_AUTH',
        `the Anthropic API refused the request (${type})${detail}. Check ANTHROPIC_API_KEY.`,
        { cause: error },
      );
    // A body that is a web page (a proxy's or a wrong base URL's) is named, not printed.
    const said = /<(?:!doctype|html|body|head)\b/i.test(error.message)
      ? ': the answer was a web page, not an API error'
      : `: ${oneLine(error.message)}`;
    const fix =
      error.status === 404
        ? `Check --model (${model}) and ANTHROPIC_BASE_URL.`
        : error.status === 413
          ? 'The request is too large: trim or split the notes, or use --offline.'
          : 'Check --model and the size of the notes.';
    return new CasebookError(
      'API_OTHER',
      `the Anthropic API refused the request${error.status ? ` (${error.status})` : ''}${detail || said}. ${fix}`,
      { cause: error },
    );
  }
  // Anything else broke the stream itself: a cut connection, events that are not JSON, or a
  // 200 answer that is not an event stream (a proxy or captive-portal page).
  return new CasebookError('API_CONNECTION', streamFailure(error), { cause: error });
}

/** One line saying how a response stream failed, without the SDK's internals. */
function streamFailure(error: unknown): string {
  const message = oneLine((error as Error)?.message ?? String(error));
  const fix = 'Check the network and ANTHROPIC_BASE_URL, then try again, or use --offline.';
  if (error instanceof SyntaxError || /JSON|parse/i.test(message))
    return `the Anthropic API sent a malformed event stream (${message}). ${fix}`;
  if (/without (?:producing|sending)|no (?:message|chunks)|unexpected event order/i.test(message))
    return `the Anthropic API answered without a complete message stream (${message}); a proxy or captive portal may be in the way. ${fix}`;
  return `the connection to the Anthropic API broke mid-stream (${message}). ${fix}`;
}

const oneLine = (text: string): string => {
  const first = text.split('\n')[0]?.trim() ?? '';
  return first.length > 160 ? `${first.slice(0, 157)}...` : first;
};
