/**
 * The Claude client for drafting and executive summaries: `@anthropic-ai/sdk` built from injected
 * settings (key, base URL, fetch, retries, timeout), streaming with progress as text arrives,
 * and SDK errors mapped to CasebookError codes with clear messages.
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
  baseURL?: string;
  fetch?: typeof fetch;
  /** SDK retries on 408/409/429/5xx and connection errors (default 2). */
  maxRetries?: number;
  /** Per-request timeout in ms (default 10 minutes). */
  timeout?: number;
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

/** Builds the SDK client from injected settings only (no credential files, no env lookups). */
export function createClient(settings: ClaudeSettings): Anthropic {
  return new Anthropic({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL ?? 'https://api.anthropic.com',
    fetch: settings.fetch,
    maxRetries: settings.maxRetries ?? 2,
    timeout: settings.timeout ?? 10 * 60 * 1000,
    logLevel: 'off',
  });
}

/** Streams one completion and resolves to its full text. Throws CasebookError (API_*) on failure. */
export async function streamCompletion(
  settings: ClaudeSettings,
  request: CompletionRequest,
  onText: OnText = () => {},
): Promise<string> {
  const client = createClient(settings);
  let received = 0;
  try {
    const stream = client.messages.stream({
      model: settings.model,
      max_tokens: settings.maxTokens ?? 8192,
      system: request.system,
      messages: [{ role: 'user', content: request.user }],
    });
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
    throw apiError(error, settings.model);
  }
}

/** Maps an SDK error (or any error) to a CasebookError with a clear message. */
export function apiError(error: unknown, model: string): CasebookError {
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
    return new CasebookError(
      'API_OTHER',
      `the Anthropic API refused the request${error.status ? ` (${error.status})` : ''}${detail || `: ${error.message}`}. Check --model and the input size.`,
      { cause: error },
    );
  }
  return new CasebookError(
    'API_OTHER',
    `drafting with ${model} failed: ${(error as Error)?.message ?? String(error)}.`,
    { cause: error },
  );
}
