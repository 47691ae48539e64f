import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The renderer: built once, served by Electron's app:// protocol or by the browser host.
export default defineConfig({
  root: join(root, 'renderer'),
  base: './',
  publicDir: join(root, 'renderer', 'public'),
  plugins: [react()],
  build: {
    outDir: join(root, 'dist', 'renderer'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 4000,
    // No inline data: URLs for assets, so the CSP never needs to widen beyond 'self'.
    assetsInlineLimit: 0,
    // GOV.UK Frontend keeps an old-browser media query hack that lightningcss rejects; esbuild passes it through.
    cssMinify: 'esbuild',
  },
  css: { preprocessorOptions: { scss: { quietDeps: true, loadPaths: [join(root, 'node_modules')] } } },
});
