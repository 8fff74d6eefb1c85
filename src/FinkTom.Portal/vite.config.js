import { defineConfig } from 'vite';

// `npm run dev` serves the portal with hot reload and sends API calls to a running `finktom serve`.
const api = process.env.FINKTOM_URL ?? 'http://127.0.0.1:5080';

export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 200 },
  server: { proxy: { '/api': api, '/openapi': api, '/health': api } },
  test: { include: ['test/**/*.test.js'] },
});
