/** The same review files as Casebook's collection (FLOOR_CONTENT/reviews), with a bare schema. */
import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

const contentDir = process.env.FLOOR_CONTENT ?? './content';

const reviews = defineCollection({
  loader: glob({ pattern: '**/*.md', base: `${contentDir}/reviews` }),
  schema: z.object({ title: z.string(), date: z.coerce.date() }).passthrough(),
});

export const collections = { reviews };
