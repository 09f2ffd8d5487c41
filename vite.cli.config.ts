import { defineConfig } from 'vite';

// The CLI is bundled into one ESM file for Node so `bin/aml-access-map.js` runs without a TypeScript loader.
export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: { output: { entryFileNames: 'aml-access-map.js', format: 'es' } },
  },
  ssr: { noExternal: true },
});
