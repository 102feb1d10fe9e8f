import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createTestServer, type TestServer } from '../testing/test-server.ts';
import { buildServer } from './app.ts';

/** The built app's files: hashed assets are kept for good, the page and the service worker are asked for each time. */
describe('serving the web app', () => {
  let t: TestServer;
  let server: FastifyInstance;
  const root = mkdtempSync(join(tmpdir(), 'refuge-web-'));
  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Refuge</title>');
    writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(root, 'assets', 'main-DT_2Oc7Q.js'), 'console.log(1);');
    writeFileSync(join(root, 'assets', 'notes.txt'), 'not a build output');
    t = await createTestServer('pglite');
    server = await buildServer({ app: t.app, version: 'test', secureCookies: false, trustProxyHops: 0, webRoot: root });
    await server.ready();
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const cacheControl = async (url: string) => {
    const res = await server.inject({ method: 'GET', url });
    expect(res.statusCode, url).toBe(200);
    return res.headers['cache-control'];
  };

  it('lets a browser keep a content-hashed asset for a year without asking again', async () => {
    expect(await cacheControl('/assets/main-DT_2Oc7Q.js')).toBe('public, max-age=31536000, immutable');
  });

  it('has the browser check the page, the service worker and unhashed files on every visit', async () => {
    for (const url of ['/', '/casework/triage', '/sw.js', '/assets/notes.txt'])
      expect(await cacheControl(url), url).toBe('public, max-age=0');
  });
});
