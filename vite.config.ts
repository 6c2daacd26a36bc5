import react from '@vitejs/plugin-react';
import { buildSync } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';

// The renderer is loaded from file:// (Electron, asar) and from `tidemark serve`, hence relative asset URLs.

/**
 * renderer/early-entry.ts as `early.js`, a classic script at the top of <head>: it runs while the app's
 * bundle is still downloading and opens the connection (see renderer/api/early.ts). A file of its own,
 * not inline, because the CSP is `script-src 'self'`.
 */
function earlyScript(): Plugin {
  const code = () =>
    buildSync({ entryPoints: ['renderer/early-entry.ts'], bundle: true, format: 'iife', target: 'chrome120', minify: true, write: false }).outputFiles[0]!.text;
  return {
    name: 'tidemark-early-script',
    transformIndexHtml: () => [{ tag: 'script', attrs: { src: './early.js' }, injectTo: 'head-prepend' }],
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'early.js', source: code() });
    },
    configureServer(server) {
      server.middlewares.use('/early.js', (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(code());
      });
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), earlyScript()],
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
