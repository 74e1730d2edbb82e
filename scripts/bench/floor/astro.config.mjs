// @ts-check
// The floor for `npm run bench:site`: a bare Astro 5 site, nothing but the defaults.
import { defineConfig } from 'astro/config';

export default defineConfig({
  build: { format: 'directory' },
  devToolbar: { enabled: false },
});
