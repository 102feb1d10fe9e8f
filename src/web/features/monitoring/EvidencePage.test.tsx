// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { upload } from '../../../testing/monitoring-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../testing/render-app.tsx';

/** Bytes that sniff as MP4 (an ftyp box, then filler). */
const MP4 = Buffer.concat([
  Buffer.from('00000018667479706973366d000002006973366d69736f32', 'hex'),
  Buffer.alloc(2048, 0x5a),
]);

describe('the evidence page: viewer, chain of custody and reviewers by name', () => {
  let t: TestServer;
  let analyst: TestClient;
  let caseworker: TestClient;
  let id: string;
  beforeAll(async () => {
    t = await createTestServer('pglite');
    await t.org('watch-view', 'monitor');
    analyst = await t.userIn('watch-view', 'analyst', 'dara@watch-view.test');
    const colleague = await t.userIn('watch-view', 'analyst', 'sokha@watch-view.test');
    caseworker = await t.userIn('ngo-view', 'caseworker', 'mai@ngo-view.test');
    const up = await upload(t, analyst, MP4, { kind: 'video', fileName: 'gate.mp4', title: 'Gate at night' });
    expect(up.status).toBe(201);
    id = up.json.id;
    const step = await colleague.request('POST', `/api/monitoring/evidence/${id}/verification`, {
      kind: 'dispute',
      reasoning: 'The gate does not match.',
    });
    expect(step.status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('plays the video from the audited media route and names staff of the own organisation', async () => {
    await renderApp(t, analyst, `/monitoring/evidence/${id}`);
    const log = await screen.findByTestId('custody-log');
    const video = document.querySelector('video');
    expect(video?.getAttribute('src')).toBe(`/api/monitoring/evidence/${id}/media`);
    expect(video?.getAttribute('preload')).toBe('metadata');
    expect(video?.hasAttribute('controls')).toBe(true);
    const entries = await within(log).findAllByTestId('custody-entry');
    // Newest first: the upload is the last entry, by the uploader's name.
    expect(entries.at(-1)!.textContent).toMatch(/Added.*dara@watch-view\.test \(watch-view\)/);
    expect(log.textContent).toMatch(/Verification step.*sokha@watch-view\.test/);
    expect(log.textContent).toMatch(/The chain is intact/);
    expect(screen.getByTestId('verification-steps').textContent).toMatch(
      /reviewer sokha@watch-view\.test \(watch-view\)/,
    );
    expect(screen.getByText('Download original')).toBeTruthy();
  });

  it('shows another organisation only the uploader organisation, and no player or download', async () => {
    await renderApp(t, caseworker, `/monitoring/evidence/${id}`);
    const log = await screen.findByTestId('custody-log');
    await within(log).findAllByTestId('custody-entry');
    expect(document.querySelector('video')).toBeNull();
    expect(screen.getByTestId('viewer-original-only')).toBeTruthy();
    expect(screen.queryByText('Download original')).toBeNull();
    expect(log.textContent).toMatch(/Added.*watch-view/);
    expect(document.body.textContent).not.toMatch(/dara@|sokha@/);
    expect(screen.getByTestId('verification-steps').textContent).toMatch(/reviewer watch-view/);
  });
});
