import path from 'node:path';
import { defineConfig } from 'vite';

const root = path.resolve(import.meta.dirname);

// The console is served by the Gongkai server under /console; in development Vite proxies the API to it.
export default defineConfig({
  root,
  base: '/console/',
  build: {
    outDir: path.resolve(root, '../../dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // Ant Design marks its modules "use client" for React Server Components; that means nothing in a
      // browser-only bundle, and the hundreds of identical warnings would hide real ones.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
