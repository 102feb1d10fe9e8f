import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The web app lives in src/web and is built into dist/web, which the Fastify server serves (see defaultWebRoot()). */
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Phones on slow links: keep source maps out of the shipped bundle.
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8080' },
  },
});
