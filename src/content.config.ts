/**
 * The `reviews` content collection: every `<content>/reviews/**\/*.md`, validated with the lib's
 * `reviewSchema` (the same schema `casebook check` uses). The content folder is ./content unless
 * CASEBOOK_CONTENT points elsewhere (benchmarks, tests). The id is the file name without `.md`.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { reviewSchema } from './lib/review/schema.ts';
import { reviewIdOf } from './lib/review/load.ts';

const contentDir = process.env.CASEBOOK_CONTENT ?? './content';

const reviews = defineCollection({
  loader: glob({
    pattern: '**/*.md',
    base: `${contentDir}/reviews`,
    generateId: ({ entry }) => reviewIdOf(entry),
  }),
  schema: reviewSchema,
});

export const collections = { reviews };
