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
  const code = (routeChunks: Record<string, string[]>) =>
    buildSync({
      entryPoints: ['renderer/early-entry.ts'],
      bundle: true,
      format: 'iife',
      target: 'chrome120',
      minify: true,
      write: false,
      define: { __ROUTE_CHUNKS__: JSON.stringify(routeChunks) },
    }).outputFiles[0]!.text;
  return {
    name: 'tidemark-early-script',
    transformIndexHtml: () => [{ tag: 'script', attrs: { src: './early.js' }, injectTo: 'head-prepend' }],
    generateBundle(_options, bundle) {
      // Each page's chunk and the chunks it imports (not the entry's): early.js preloads the opened
      // page's before a 50,000-snapshot list starts streaming in on the same network stack.
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const entry = new Set(chunks.filter((c) => c.isEntry).flatMap((c) => [c.fileName, ...c.imports]));
      const withImports = (file: string, seen = new Set<string>()): Set<string> => {
        if (seen.has(file) || entry.has(file)) return seen;
        seen.add(file);
        for (const i of chunks.find((c) => c.fileName === file)?.imports ?? []) withImports(i, seen);
        return seen;
      };
      const routeChunks: Record<string, string[]> = {};
      for (const c of chunks) {
        const m = /views\/[a-z]+\/([A-Z][a-z]+)View\.tsx$/.exec(c.facadeModuleId ?? '');
        if (m) routeChunks[m[1]!.toLowerCase()] = [...withImports(c.fileName)];
      }
      this.emitFile({ type: 'asset', fileName: 'early.js', source: code(routeChunks) });
    },
    configureServer(server) {
      server.middlewares.use('/early.js', (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(code({}));
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
    // Fewer files on a cold load (each costs a request slot and a task here): everything the entry
    // imports in one file, and the small modules several pages share in one `common` chunk instead of
    // a chunk each (the timeline's page was five files, now two). Not zod (`domain`): the overview and
    // the timeline never load it.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'index', tags: ['$initial'] },
            {
              name: 'common',
              test: /renderer[\\/](components[\\/](EmptyState|ProgressBar)|lib[\\/]time|views[\\/]timeline[\\/](lanes|useElementSize))\.tsx?$|shared[\\/]format\.ts$/,
              minShareCount: 2,
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1' },
});
