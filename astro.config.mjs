// @ts-check
// Thin wiring: everything lives in src/lib/site/.
import { defineConfig } from 'astro/config';
import { casebookIntegration } from './src/lib/site/integration.ts';
import { markdownConfig } from './src/lib/site/markdown.ts';

export default defineConfig({
  site: 'http://localhost:4321',
  trailingSlash: 'always',
  // Separate caches let tests and benchmarks build other content folders without clobbering this one.
  ...(process.env.CASEBOOK_CACHE_DIR ? { cacheDir: process.env.CASEBOOK_CACHE_DIR } : {}),
  integrations: [casebookIntegration()],
  markdown: markdownConfig,
  build: { format: 'directory' },
  devToolbar: { enabled: false },
});
