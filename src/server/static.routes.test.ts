import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from '../testing/casework-fixtures.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

/**
 * What a browser may keep: the built app's content-hashed assets for good; the page and the service worker are asked
 * for each time; no API answer at all (a field phone is shared).
 */
describe('what a browser keeps', () => {
  let t: TestServer;
  const root = mkdtempSync(join(tmpdir(), 'refuge-web-'));
  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Refuge</title>');
    writeFileSync(join(root, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(root, 'assets', 'main-DT_2Oc7Q.js'), 'console.log(1);');
    writeFileSync(join(root, 'assets', 'notes.txt'), 'not a build output');
    t = await createTestServer('pglite', { webRoot: root });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const cacheControl = async (url: string) => {
    const res = await t.server.inject({ method: 'GET', url });
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

  it('lets no browser or proxy store an API answer: a survivor record, a list, a refusal', async () => {
    const caseworker = await t.userIn('ngo-cache', 'caseworker');
    const { caseId } = await register(caseworker, {
      names: [{ value: 'Cache Marker Person', script: 'Latn', preferred: true }],
    });
    const answers = await Promise.all([
      caseworker.request('GET', `/api/cases/${caseId}`),
      caseworker.request('GET', '/api/cases'),
      t.anonymous().request('GET', `/api/cases/${caseId}`),
    ]);
    expect(answers[0]!.body).toContain('Cache Marker Person');
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
  });
});
