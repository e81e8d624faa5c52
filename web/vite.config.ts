/**
 * The web pages: four families, each its own entry and bundle (the public portal must stay small
 * for cheap phones). `npm run build:web` writes web/dist, which `fairdraw serve` serves.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const families = ['console', 'ceremony', 'portal', 'verify'];
const input = Object.fromEntries(
  families.map((f) => [f, resolve(import.meta.dirname, f, 'index.html')]).filter(([, path]) => existsSync(path as string)),
);

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  worker: { format: 'es' },
});
