// Vite: the React single-page app. In development it proxies the API, the sync socket and
// the health check to the server on :3000 (start it with ALLOWED_ORIGINS=http://localhost:5173).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': server,
      '/healthz': server,
      '/collab': { target: server, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React and the router change far less often than the app: their own long-cached
          // chunk; so do the shared model constants. Pages are split further by the lazy
          // routes in src/routes.tsx.
          groups: [
            {
              name: 'model',
              test: /packages[\\/]model[\\/]|node_modules[\\/]typebox[\\/]/,
            },
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
