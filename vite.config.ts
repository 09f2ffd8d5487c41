/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// The engine runs nothing when a module loads (it only declares), so a module none of whose exports a chunk
// uses can be left out of it. Without this, a static import of the engine's public surface
// (src/engine/index.ts) would pull everything it re-exports into the first bundle and into the workers.
const engineTreeshake = { moduleSideEffects: [{ test: /[\\/]src[\\/]engine[\\/]/, sideEffects: false }] };

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    outDir: 'dist/app',
    sourcemap: true,
    rolldownOptions: { treeshake: engineTreeshake },
  },
  worker: { rolldownOptions: { treeshake: engineTreeshake } },
  server: { host: '127.0.0.1', port: 5173, strictPort: false, open: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts', 'scripts/**/*.test.ts', 'fuzz/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
