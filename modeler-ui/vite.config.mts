import { defineConfig } from 'vite';

// The UI is served by the API at /, so its calls are same-origin. `npm run ui:dev` serves it with hot reload
// and forwards the API's paths to a running API (API_PORT, 3000 by default: `npm start` first).
const api = `http://127.0.0.1:${process.env.API_PORT ?? '3000'}`;

export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  // form-js-editor pins an older preact than form-js-viewer; two copies break its hooks. One copy for all.
  resolve: { dedupe: ['preact', '@preact/signals'] },
  server: { port: 5173, strictPort: false, proxy: { '/health': api, '/api': api, '/metrics': api } },
});
