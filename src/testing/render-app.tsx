import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, configure, render } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { routes } from '../web/app/routes.tsx';
import { initI18n } from '../web/i18n/index.ts';
import { queryClient } from '../web/query-client.ts';
import type { TestClient, TestServer } from './test-server.ts';

export { createTestServer, type TestClient, type TestServer } from './test-server.ts';

// Lazy feature pages compile on first use; on a loaded 2-core machine that can take seconds.
configure({ asyncUtilTimeout: 20_000 });
// jsdom does no layout, so it has no scrolling; the app only scrolls the selected row into view.
if (typeof Element !== 'undefined')
  Element.prototype.scrollIntoView ??= function scrollIntoView() {
    /* nothing to scroll */
  };

/**
 * Renders the real web app (its routes, query client and translations) in jsdom at `path`, signed
 * in as `client`, with every `/api/…` fetch answered by the real Fastify server over its database:
 * component tests exercise the same contract the browser does, with no mocked responses.
 */
export async function renderApp(t: TestServer, client: TestClient, path: string) {
  cleanup();
  queryClient.clear();
  globalThis.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.pathname + input.search : input.url;
    if (!url.startsWith('/api/')) throw new TypeError(`component tests reach only the API, not ${url}`);
    const headers = { ...(init.headers as Record<string, string> | undefined), cookie: client.cookie };
    const res = await t.server.inject({
      method: (init.method ?? 'GET') as 'GET',
      url,
      headers,
      // A file upload sends a File (a Blob): its bytes, as the browser would.
      payload: init.body instanceof Blob ? await blobBytes(init.body) : (init.body as string | undefined),
    });
    const body = res.statusCode === 204 ? null : new Uint8Array(res.rawPayload);
    // Every response header the server sent (downloads read content-disposition and x-export-rows).
    const responseHeaders = new Headers({ 'content-type': 'application/json' });
    for (const [name, value] of Object.entries(res.headers))
      if (value !== undefined && name !== 'set-cookie') responseHeaders.set(name, String(value));
    return new Response(body, { status: res.statusCode, headers: responseHeaders });
  };
  await initI18n();
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...view, router, user: userEvent.setup() };
}

/** A jsdom Blob's bytes (jsdom's Blob has no arrayBuffer(); its FileReader reads it). */
function blobBytes(blob: Blob): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(Buffer.from(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(blob);
  });
}
