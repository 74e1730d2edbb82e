import { describe, expect, it } from 'vitest';
import { env } from '@huggingface/transformers';
import { makeTinyModel, TINY_DIMENSIONS } from '../../helpers/tiny-model.ts';
import { loadTransformersEmbedder } from '../../../src/lib/search/transformers.ts';
import { createEmbedder } from '../../../src/lib/search/embedder.ts';

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
};

describe('transformers.js embedder', () => {
  it('loads a local model folder through the real transformers.js pipeline, offline', async () => {
    const model = await makeTinyModel();
    const embedder = await loadTransformersEmbedder({ model: model.modelId, modelDir: model.root });
    expect(embedder.id).toBe('transformers');
    expect(embedder.model).toBe(model.modelId);
    expect(embedder.dimensions).toBe(TINY_DIMENSIONS);
    const [pool, pool2, disk] = await embedder.embed([
      'pgbouncer pool exhausted',
      'connection pool exhaustion on postgres',
      'disk full on the wal volume',
    ]);
    expect(pool).toHaveLength(TINY_DIMENSIONS);
    expect(Math.hypot(...(pool ?? []))).toBeCloseTo(1, 5);
    expect(cosine(pool!, pool2!)).toBeGreaterThan(cosine(pool!, disk!));
    await embedder.dispose();
  });

  it('restores the global transformers.js settings after loading', async () => {
    const before = { localModelPath: env.localModelPath, allowRemoteModels: env.allowRemoteModels };
    const model = await makeTinyModel();
    await loadTransformersEmbedder({ model: model.modelId, modelDir: model.root });
    expect({
      localModelPath: env.localModelPath,
      allowRemoteModels: env.allowRemoteModels,
    }).toEqual(before);
  });

  it('fails with MODEL_UNAVAILABLE naming the folder when the model is not there', async () => {
    const model = await makeTinyModel();
    await expect(
      loadTransformersEmbedder({ model: 'nobody/missing-model', modelDir: model.root }),
    ).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      message: expect.stringContaining(model.root),
    });
  });

  it('auto falls back to the lexical embedder with one line saying how to get the model', async () => {
    const model = await makeTinyModel();
    let err = '';
    const embedder = await createEmbedder('auto', {
      modelDir: model.root,
      model: 'nobody/missing-model',
      stderr: { write: (s: string) => (err += s) },
    });
    expect(embedder.id).toBe('lexical');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('CASEBOOK_MODEL_DIR');
  });

  it('auto uses the model when it can be loaded', async () => {
    const model = await makeTinyModel();
    let err = '';
    const embedder = await createEmbedder('auto', {
      modelDir: model.root,
      model: model.modelId,
      stderr: { write: (s: string) => (err += s) },
    });
    expect(embedder.id).toBe('transformers');
    expect(err).toContain(model.modelId);
  });
});
