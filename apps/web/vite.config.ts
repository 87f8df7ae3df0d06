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
    // The editor stack (Tiptap, ProseMirror, Yjs) is one ~540 kB chunk that only the document
    // page loads; the first page never waits for it.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React and the router change far less often than the app: their own long-cached
          // chunk; so do the shared model constants, and the editor stack (Tiptap,
          // ProseMirror, Yjs), which only the document page loads. Pages are split further by
          // the lazy routes in src/routes.tsx.
          groups: [
            {
              name: 'editor',
              test: /node_modules[\\/](@tiptap|prosemirror-[a-z-]+|yjs|y-protocols|y-websocket|lib0|orderedmap|rope-sequence|w3c-keyname|linkifyjs|punycode\.js)[\\/]/,
            },
            {
              name: 'markdown',
              test: /node_modules[\\/](markdown-it|mdurl|uc\.micro|linkify-it|entities|punycode)[\\/]/,
            },
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
