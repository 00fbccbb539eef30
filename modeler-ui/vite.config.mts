import { defineConfig } from 'vite';

// The UI is served by the API at /, so API calls are same-origin; `npm run ui:dev` proxies them to it.
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/health': 'http://127.0.0.1:3000', '/api': 'http://127.0.0.1:3000', '/metrics': 'http://127.0.0.1:3000' } },
});
