import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          // Import jobs parse and store off the main thread; startWorker finds these next to index.js.
          'import.worker': resolve(__dirname, 'src/main/features/market/import/import.worker.ts'),
          'parse.worker': resolve(__dirname, 'src/main/features/market/import/parse.worker.ts'),
          // Backtests run off the main thread; the job finds this next to index.js.
          'backtest.worker': resolve(__dirname, 'src/main/features/strategies/backtest.worker.ts'),
          // Optimisation sets run on a piscina pool of these; pool.ts finds it next to index.js.
          'optimise.worker': resolve(__dirname, 'src/main/features/strategies/optimise.worker.ts'),
        },
      },
    },
  },
  preload: {
    // Sandboxed preloads can require nothing but electron: bundle everything else.
    build: {
      // A sandboxed preload must be CommonJS.
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: { rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') } },
  },
});
