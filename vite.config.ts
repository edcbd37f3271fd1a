import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * Test-only code reachable through src/engine/index.ts (the promqltest harness, the
 * differential fuzzer and its fast-check arbitraries, built at module load): declared free
 * of side effects, so tree-shaking drops them from the app when nothing uses them.
 */
const testOnlyModules = /node_modules\/(fast-check|pure-rand)\/|src\/engine\/(testing\/|streaming\/differential-fuzz)/;
const treeshake = { moduleSideEffects: (id: string) => !testOnlyModules.test(id) };

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs, so the build works from any static host path.
  base: './',
  worker: { format: 'es', rolldownOptions: { treeshake } },
  build: { target: 'es2022', chunkSizeWarningLimit: 1200, rolldownOptions: { treeshake } },
  preview: { port: 4173, strictPort: true },
  test: {
    projects: [
      {
        test: {
          name: 'engine',
          environment: 'node',
          include: ['src/engine/**/*.test.ts', 'src/worker/**/*.test.ts', 'bin/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['src/ui/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
