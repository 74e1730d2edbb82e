/**
 * The transformers.js embedder: `feature-extraction` with mean pooling and normalisation.
 * Loads `<modelDir>/<model>/` when a model folder is given (CASEBOOK_MODEL_DIR), else the
 * transformers.js cache, else downloads from the Hugging Face hub when allowed (connected
 * machines only). transformers.js keeps its settings in a global `env`; they are set for the
 * duration of the load and restored afterwards, so nothing leaks between callers.
 */
import { CasebookError } from '../errors.ts';
import { DEFAULT_MODEL, type Embedder } from './embedding.ts';

export interface TransformersOptions {
  /** Hugging Face model id (default Xenova/all-MiniLM-L6-v2). */
  model?: string | undefined;
  /** Folder that holds `<model>/config.json`, `tokenizer.json`, `onnx/model.onnx`. */
  modelDir?: string | undefined;
  /** transformers.js file cache (its default when unset). */
  cacheDir?: string | undefined;
  /** Allow a download from the hub when the model is not local (default false). */
  allowDownload?: boolean;
  /** ONNX weights to load: `fp32` = onnx/model.onnx (default), `q8` = onnx/model_quantized.onnx. */
  dtype?: 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4';
  /** Texts per forward pass (default 16). */
  batchSize?: number;
}

const TRANSFORMERS_ID = 'transformers';

type Extractor = (
  texts: string[],
  options: { pooling: 'mean'; normalize: boolean },
) => Promise<{ tolist(): number[][]; dims: number[] }>;

/** Loads the model and returns an embedder; throws MODEL_UNAVAILABLE when it cannot be loaded. */
export async function loadTransformersEmbedder(
  options: TransformersOptions = {},
): Promise<Embedder & { dispose(): Promise<void> }> {
  const model = options.model ?? DEFAULT_MODEL;
  const transformers = await import('@huggingface/transformers');
  const { env, pipeline } = transformers;
  const saved = {
    localModelPath: env.localModelPath,
    allowRemoteModels: env.allowRemoteModels,
    allowLocalModels: env.allowLocalModels,
    cacheDir: env.cacheDir,
  };
  let extractor: Extractor & { dispose?: () => Promise<void> };
  try {
    env.allowLocalModels = true;
    env.allowRemoteModels = Boolean(options.allowDownload) && !options.modelDir;
    if (options.modelDir)
      env.localModelPath = options.modelDir.endsWith('/')
        ? options.modelDir
        : `${options.modelDir}/`;
    if (options.cacheDir) env.cacheDir = options.cacheDir;
    extractor = (await pipeline('feature-extraction', model, {
      dtype: options.dtype ?? 'fp32',
      ...(options.cacheDir === undefined ? {} : { cache_dir: options.cacheDir }),
      local_files_only: !env.allowRemoteModels,
    })) as unknown as typeof extractor;
  } catch (error) {
    const where = options.modelDir
      ? `in ${options.modelDir}/${model}`
      : options.allowDownload
        ? 'locally or from the Hugging Face hub'
        : 'in the transformers.js cache';
    throw new CasebookError(
      'MODEL_UNAVAILABLE',
      `the embedding model ${model} could not be loaded ${where}: ${(error as Error).message.split('\n')[0]}. ` +
        `Download ${model} on a connected machine and set CASEBOOK_MODEL_DIR to the folder that holds ${model}/, or use --embedder lexical.`,
      { cause: error },
    );
  } finally {
    Object.assign(env, saved);
  }
  const run = async (texts: string[]): Promise<number[][]> =>
    (await extractor(texts, { pooling: 'mean', normalize: true })).tolist();
  const probe = await run(['dimension probe']);
  const dimensions = probe[0]?.length ?? 0;
  if (!dimensions)
    throw new CasebookError(
      'MODEL_UNAVAILABLE',
      `the model ${model} returned an empty embedding. Check the model folder.`,
    );
  const batchSize = options.batchSize ?? 16;
  return {
    id: TRANSFORMERS_ID,
    model,
    dimensions,
    async embed(texts) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize)
        out.push(...(await run(texts.slice(i, i + batchSize))));
      return out;
    },
    async dispose() {
      await extractor.dispose?.();
    },
  };
}
