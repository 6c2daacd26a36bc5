import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is loaded from file:// (Electron, asar) and from `tidemark serve`, hence relative asset URLs.
// Under vitest (no vitest.config.ts yet) the root must stay the repository, or no test outside renderer/ is found.
const underVitest = Boolean(process.env.VITEST);

export default defineConfig({
  root: underVitest ? undefined : 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or data: module preloads: the CSP is `script-src 'self'`.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'chrome120',
    sourcemap: true,
  },
  server: { host: '127.0.0.1' },
});
