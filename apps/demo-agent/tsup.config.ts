import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/bin.ts', 'src/main.ts'],
  format: ['esm'],
  clean: true,
  target: 'node20',
});
