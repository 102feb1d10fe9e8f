// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { createCompound, png } from '../../../testing/monitoring-fixtures.ts';
import { createTestServer, renderApp, type TestClient, type TestServer } from '../../../testing/render-app.tsx';

/** Bytes that really are a PDF (the server sniffs the content, not the name). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** Technical text a person should never have to read. */
const TECHNICAL = /image\/|application\/|content-type|type_mismatch|Declared as|bytes|query\.|headers\./i;

describe('adding evidence: the kind follows the file, and a refusal is said in words', () => {
  let t: TestServer;
  let analyst: TestClient;
  let compoundId: string;
  beforeAll(async () => {
    t = await createTestServer('pglite');
    await t.org('watch-ev', 'monitor');
    analyst = await t.userIn('watch-ev', 'analyst');
    compoundId = await createCompound(analyst, 'Upload Park', 103.51, 10.61);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function openForm() {
    const { user } = await renderApp(t, analyst, `/monitoring/compounds/${compoundId}`);
    await user.click(await screen.findByText('Add evidence', { selector: 'summary' }));
    const kind = screen.getByLabelText('Kind') as HTMLSelectElement;
    const input = screen.getByLabelText('File') as HTMLInputElement;
    return { user, kind, input, submit: screen.getByRole('button', { name: 'Add evidence' }) };
  }

  it('sets Photo for a JPEG chosen after Video, Official statement for a PDF, Video for an MP4', async () => {
    const { user, kind, input } = await openForm();
    await user.selectOptions(kind, 'video');
    await user.upload(input, new File([new Uint8Array(await png(1))], 'IMG_2041.jpg', { type: 'image/jpeg' }));
    expect(kind.value).toBe('photo');
    expect(document.getElementById('field-file-kind')?.textContent).toMatch(/Kind set from the file: Photo/);
    await user.upload(input, new File([PDF], 'statement.pdf', { type: 'application/pdf' }));
    expect(kind.value).toBe('official_statement');
    await user.upload(input, new File([new Uint8Array(64)], 'clip.mp4', { type: '' }));
    expect(kind.value).toBe('video');
    // A kind that accepts the file is kept: a satellite image stays one.
    await user.selectOptions(kind, 'satellite');
    await user.upload(input, new File([new Uint8Array(await png(2))], 'scene.png', { type: 'image/png' }));
    expect(kind.value).toBe('satellite');
  });

  it('refuses a file no kind accepts before sending, in words, with nothing sent', async () => {
    const { user, input, submit } = await openForm();
    let sent = 0;
    const fetch = globalThis.fetch;
    globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
      if (String(args[0]).includes('/evidence/upload')) sent++;
      return fetch(...args);
    }) as typeof fetch;
    await user.upload(
      input,
      new File([new Uint8Array([77, 90, 0, 1])], 'setup.exe', { type: 'application/x-msdownload' }),
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/cannot be kept as evidence/);
    expect(alert.textContent).not.toMatch(/application\/x-msdownload/);
    expect(submit).toHaveProperty('disabled', true);
    await user.upload(input, new File([], 'empty.jpg', { type: 'image/jpeg' }));
    expect(screen.getByRole('alert').textContent).toMatch(/The file is empty/);
    expect(sent).toBe(0);
    globalThis.fetch = fetch;
  });

  it("explains the server's refusal of a PDF renamed to .jpg without its technical text, and stores nothing", async () => {
    const { user, kind, input, submit } = await openForm();
    await user.upload(input, new File([PDF], 'photo.jpg', { type: 'image/jpeg' }));
    expect(kind.value).toBe('photo');
    await user.click(submit);
    const refused = await screen.findByTestId('upload-refused');
    expect(refused.textContent).toMatch(/This file was not added/);
    expect(refused.textContent).toMatch(/not what its name says/);
    // One reason, the real one: not also "this kind of file cannot be kept" (the PDF inside would be, as a document).
    expect(refused.querySelectorAll('li')).toHaveLength(1);
    expect(refused.textContent).not.toMatch(TECHNICAL);
    await waitFor(async () => {
      const list = await analyst.request('GET', `/api/monitoring/evidence?compoundId=${compoundId}`);
      expect(JSON.stringify(list.json)).not.toContain('photo.jpg');
    });
  });
});
