import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';

/** The help page is no app to install: the PWA plugin adds the manifest link to every page, this takes it out. */
const helpPageWithoutManifest = (): Plugin => ({
  name: 'refuge-help-without-manifest',
  enforce: 'post',
  transformIndexHtml: {
    order: 'post',
    handler: (html, ctx) =>
      ctx.filename.endsWith('help.html') ? html.replace(/<link rel="manifest"[^>]*>/g, '') : html,
  },
});

/**
 * The web app lives in src/web and is built into dist/web, which the Fastify server serves (see defaultWebRoot()).
 * Two pages: the staff app (index.html) and the public help page (help.html, served for /help/<organisation>), which
 * has its own small bundle and never registers the service worker.
 *
 * The staff app installs as a progressive web app (issue #15: field intake with no connection). vite-plugin-pwa
 * (Workbox's generateSW) writes sw.js with a precache of the built assets and the manifest; the app shell answers
 * every navigation offline except /api and /help.
 */
export default defineConfig({
  root: 'src/web',
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      // Registered from main.tsx only (virtual:pwa-register), so the help page never installs it.
      injectRegister: null,
      manifest: {
        name: 'Refuge',
        short_name: 'Refuge',
        description: 'Casework and field intake for people leaving scam compounds',
        start_url: '/field',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1f4e5a',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,woff2,webmanifest}'],
        globIgnores: ['help.html', '**/help-*'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/help(\/|$)/],
        // The map's style and big chunks are fetched when used; nothing of /api is ever cached by the worker.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        cleanupOutdatedCaches: true,
      },
    }),
    helpPageWithoutManifest(),
  ],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Phones on slow links: keep source maps out of the shipped bundle.
    sourcemap: false,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'src/web/index.html'),
        help: resolve(import.meta.dirname, 'src/web/help.html'),
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080' },
  },
});
