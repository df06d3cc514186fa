import { defineConfig } from 'tsup';

// src/bin.ts starts with a `#!/usr/bin/env node` line; esbuild keeps it and tsup marks the
// output executable, so the banner needs no per-entry config.
export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
