import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic, type StaticServer } from './static-server.ts';

describe('the static file server used by the e2e tests', () => {
  let server: StaticServer;
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'casebook-static-'));
    await mkdir(join(root, 'reviews', 'a'), { recursive: true });
    await mkdir(join(root, 'pagefind'));
    await writeFile(join(root, 'index.html'), '<h1>home</h1>');
    await writeFile(join(root, 'reviews', 'a', 'index.html'), '<h1>a</h1>');
    await writeFile(join(root, 'pagefind', 'pagefind-ui.js'), 'x');
    await writeFile(join(root, 'pagefind', 'pagefind.en_1.pf_meta'), 'bin');
    await writeFile(join(root, '404.html'), '<h1>missing</h1>');
    await writeFile(join(tmpdir(), 'casebook-outside-secret.txt'), 'secret');
    server = await serveStatic(root);
  });
  afterAll(() => server.close());

  it('listens on 127.0.0.1 and serves index.html for directories', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/reviews/a/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('<h1>a</h1>');
  });

  it('redirects a directory without its trailing slash', async () => {
    const res = await fetch(`${server.url}/reviews/a?x=1`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/reviews/a/?x=1');
  });

  it('sends JavaScript and Pagefind chunks with the right content types', async () => {
    expect((await fetch(`${server.url}/pagefind/pagefind-ui.js`)).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect(
      (await fetch(`${server.url}/pagefind/pagefind.en_1.pf_meta`)).headers.get('content-type'),
    ).toBe('application/octet-stream');
  });

  it('answers 404 with the site 404 page, and never serves files outside the root', async () => {
    const missing = await fetch(`${server.url}/nope/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('<h1>missing</h1>');
    const escape = await fetch(`${server.url}/..%2Fcasebook-outside-secret.txt`);
    expect(escape.status).toBe(404);
  });
});
