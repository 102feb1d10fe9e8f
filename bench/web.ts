/**
 * Web weight and load time (issue #15): the gzipped JavaScript and CSS the public help page and the field app load
 * before they can be used, and the time to a usable page under Chrome DevTools' "Slow 3G" profile (400 ms latency,
 * 400 kbit/s down), in Debian's Chromium against the built app (npm run build:web first).
 *
 *   npx tsx bench/web.ts            goals: help page < 100 kB gzipped JS, field app < 300 kB
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..', 'dist', 'web');

/** The entry script, its static imports (modulepreload) and stylesheets named in an HTML page, followed to the end. */
function staticClosure(htmlFile: string): string[] {
  const html = readFileSync(join(root, htmlFile), 'utf8');
  const seen = new Set<string>();
  const queue = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.js'))
      for (const m of readFileSync(join(root, file), 'utf8').matchAll(
        /from\s*"\.\/([^"]+\.js)"|import\s*"\.\/([^"]+\.js)"/g,
      ))
        queue.push(`assets/${m[1] ?? m[2]}`);
  }
  return [...seen];
}

const gz = (files: string[], ext: string) =>
  files.filter((f) => f.endsWith(ext)).reduce((sum, f) => sum + gzipSync(readFileSync(join(root, f))).length, 0);

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.json': 'application/json',
};
const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0]!;
  if (path.startsWith('/api/')) return void res.writeHead(404).end();
  const file =
    path.startsWith('/assets/') || path === '/sw.js'
      ? path.slice(1)
      : path.startsWith('/help')
        ? 'help.html'
        : 'index.html';
  try {
    const body = gzipSync(readFileSync(join(root, file)));
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-encoding': 'gzip',
    });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: process.env.REFUGE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox'],
});

async function slow3g(url: string, ready: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 375, height: 780 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: (400 * 1024) / 8,
    uploadThroughput: (400 * 1024) / 8,
  });
  const start = Date.now();
  await page.goto(url);
  await page.locator(ready).waitFor({ timeout: 120_000 });
  const ms = Date.now() - start;
  await context.close();
  return ms;
}

const rows = [
  {
    name: 'help page',
    files: staticClosure('help.html'),
    url: '/help/example?lang=my',
    ready: '#help-name',
    goal: 100,
  },
  { name: 'field app', files: staticClosure('index.html'), url: '/field', ready: 'h1', goal: 300 },
];
for (const r of rows) {
  const js = gz(r.files, '.js');
  const css = gz(r.files, '.css');
  const ms = await slow3g(`${base}${r.url}`, r.ready);
  console.log(
    `${r.name.padEnd(10)} JS ${(js / 1024).toFixed(1)} kB gzip (goal < ${r.goal} kB)  CSS ${(css / 1024).toFixed(1)} kB gzip  ` +
      `slow 3G to usable ${(ms / 1000).toFixed(1)} s  (${r.files.length} files before lazy chunks)`,
  );
}
await browser.close();
server.close();
