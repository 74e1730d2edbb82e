/**
 * `createEmbedder`, which picks the transformers.js model or the
 * built-in lexical embedder. Importing this module never loads transformers.js: it is imported
 * lazily, only when a model is asked for.
 */
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CasebookError } from '../errors.ts';
import { DEFAULT_MODEL, type Embedder } from './embedding.ts';
import { LexicalEmbedder, type LexicalOptions } from './lexical.ts';

export type { Embedder } from './embedding.ts';

export type EmbedderKind = 'auto' | 'lexical' | 'transformers';
const EMBEDDER_KINDS: readonly EmbedderKind[] = ['auto', 'lexical', 'transformers'];

export interface EmbedderOptions {
  /** Model id for transformers.js (default Xenova/all-MiniLM-L6-v2, or CASEBOOK_MODEL). */
  model?: string | undefined;
  /** A folder holding `<model>/` (config.json, tokenizer.json, onnx/model.onnx); CASEBOOK_MODEL_DIR. */
  modelDir?: string | undefined;
  /** The transformers.js download cache folder (its default when unset). */
  cacheDir?: string | undefined;
  /** Allow downloading the model from the Hugging Face hub. Default: true for `transformers`, false for `auto`. */
  allowDownload?: boolean;
  /** Where `auto` writes its one line about which embedder is in use. */
  stderr?: { write(chunk: string): unknown } | undefined;
  /** Options of the lexical embedder. */
  lexical?: LexicalOptions;
}

/** Embedder options from the environment (CASEBOOK_MODEL_DIR, CASEBOOK_MODEL). */
export function embedderOptionsFromEnv(
  env: Record<string, string | undefined>,
  stderr?: EmbedderOptions['stderr'],
): EmbedderOptions {
  return {
    modelDir: env.CASEBOOK_MODEL_DIR || undefined,
    model: env.CASEBOOK_MODEL || undefined,
    stderr,
  };
}

export function parseEmbedderKind(value: string | undefined): EmbedderKind {
  const kind = (value ?? 'auto') as EmbedderKind;
  if (!EMBEDDER_KINDS.includes(kind)) {
    throw new CasebookError(
      'USAGE',
      `--embedder must be one of ${EMBEDDER_KINDS.join(', ')}, got "${value}".`,
    );
  }
  return kind;
}

/**
 * Creates an embedder. `lexical` never fails. `transformers` loads the model (from `modelDir`,
 * the transformers.js cache, or a download) and throws MODEL_UNAVAILABLE when it cannot.
 * `auto` tries the model without downloading and otherwise falls back to lexical, writing one
 * line to `stderr` saying which is in use and how to get the model.
 */
export async function createEmbedder(
  kind: EmbedderKind,
  options: EmbedderOptions = {},
): Promise<Embedder> {
  if (kind === 'lexical') return new LexicalEmbedder(options.lexical);
  if (kind === 'auto' && !options.allowDownload) {
    const model = options.model ?? DEFAULT_MODEL;
    if (!(await mayBeLocal(model, options))) return fallBack(model, options, '');
  }
  const { loadTransformersEmbedder } = await import('./transformers.ts');
  if (kind === 'transformers') {
    return loadTransformersEmbedder({
      model: options.model,
      modelDir: options.modelDir,
      cacheDir: options.cacheDir,
      allowDownload: options.allowDownload ?? true,
    });
  }
  const model = options.model ?? DEFAULT_MODEL;
  try {
    const embedder = await loadTransformersEmbedder({
      model,
      modelDir: options.modelDir,
      cacheDir: options.cacheDir,
      allowDownload: options.allowDownload ?? false,
    });
    options.stderr?.write(
      `embedder: transformers.js model ${model}${options.modelDir ? ` from ${options.modelDir}` : ''}.\n`,
    );
    return embedder;
  } catch (error) {
    const reason =
      error instanceof CasebookError ? '' : ` (${(error as Error).message.split('\n')[0]})`;
    return fallBack(model, options, reason);
  }
}

/** `auto` without the model: the lexical embedder, and one line saying how to get the model. */
function fallBack(model: string, options: EmbedderOptions, reason: string): Embedder {
  options.stderr?.write(
    `embedder: lexical (built-in, offline); the model ${model} is not available${options.modelDir ? ` in ${options.modelDir}` : ''}${reason}. ` +
      `To use it, download ${model} on a connected machine (\`casebook embed --embedder transformers\`, or copy the model folder) and set CASEBOOK_MODEL_DIR to the folder holding ${model}/.\n`,
  );
  return new LexicalEmbedder(options.lexical);
}

/**
 * Whether a local copy of the model may exist: `<folder>/<model>/config.json` in the model
 * folder, the cache folder, or transformers.js's own default model and cache folders. Loading
 * transformers.js (and the ONNX runtime) only to learn that no model is there cost about 1 s of
 * CPU on every `embed`; when its folders cannot be located this says yes and the load decides.
 */
async function mayBeLocal(model: string, options: EmbedderOptions): Promise<boolean> {
  const roots = [options.modelDir, options.cacheDir];
  try {
    const pkg = dirname(dirname(fileURLToPath(import.meta.resolve('@huggingface/transformers'))));
    roots.push(join(pkg, 'models'), join(pkg, '.cache'));
  } catch {
    return true;
  }
  for (const root of roots) {
    if (!root) continue;
    const found = await stat(join(root, model, 'config.json')).then(
      () => true,
      () => false,
    );
    if (found) return true;
  }
  return false;
}
