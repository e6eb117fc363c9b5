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
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
