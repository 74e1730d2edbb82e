/** The virtual module the Casebook integration serves to the pages (src/lib/site/build-embed.ts). */
declare module 'virtual:casebook/build' {
  /** The similar-incidents file the build's embed wrote, or null when the pages compute them. */
  export const similarFile: string | null;
  /** True under `astro build`, false under `astro dev` (values are then recomputed per request). */
  export const building: boolean;
}
