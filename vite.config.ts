import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in src/web; the server serves the built files from dist/web with an SPA fallback.
const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));
const apiServer = 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // No inline modulepreload polyfill script, so a strict CSP (script-src 'self') holds.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs, which a CSP of img-src 'self' would block.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/media': apiServer,
    },
  },
});
