import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

const apiOrigin = process.env.API_ORIGIN ?? 'http://localhost:3000';
const port = Number(process.env.WEB_PORT ?? 5173);

// The API checks the browser's Origin itself (it must trust this dev server's origin), so the
// proxy keeps the Origin header as sent. SSE (tRPC subscriptions) must reach the browser
// event by event: ask upstream for no compression and mark the response as not bufferable.
const apiProxy: ProxyOptions = {
  target: apiOrigin,
  ws: false,
  configure: (proxy) => {
    proxy.on('proxyReq', (proxyReq) => {
      if (proxyReq.getHeader('accept') === 'text/event-stream') {
        proxyReq.setHeader('accept-encoding', 'identity');
      }
    });
    proxy.on('proxyRes', (proxyRes) => {
      if (String(proxyRes.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        proxyRes.headers['cache-control'] = 'no-cache, no-transform';
        proxyRes.headers['x-accel-buffering'] = 'no';
      }
    });
  },
};

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    port,
    strictPort: true,
    proxy: {
      '/trpc': apiProxy,
      '/api': apiProxy,
      '/webhooks': apiProxy,
      '/sandbox': apiProxy,
      // Invoice documents (printable HTML, PDF) are served by the API; /invoices/<id> is a page.
      '^/invoices/[^/]+\\.(html|pdf)$': apiProxy,
    },
  },
  preview: { port },
  build: { outDir: 'dist', sourcemap: false },
});
