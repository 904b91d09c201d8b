// Vite config of the Bangfu browser UI. Run from the repo root: `npm run build` / `npm run dev`.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'

const here = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root: here,
  base: '/',
  plugins: [
    vue(),
    // Installable on a phone, and usable without network (issue 20): the app itself is cached by a
    // service worker; a teacher's own cases and the dictionaries are read from the network first,
    // from the cache when there is none, so a visit can be recorded in a village (offline.js keeps
    // the record until the network is back). The cache of answers is dropped at logout.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['favicon.svg'],
      manifest: {
        name: '帮扶 · 结对帮扶管理平台',
        short_name: '帮扶',
        description: '结对帮扶与对口支援：结对、支教、活动、捐赠、一对一帮扶与年度总结',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f3f5f8',
        theme_color: '#c0392b',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,woff,ttf}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/healthz/],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, request }) =>
              request.method === 'GET' &&
              /^\/api\/v1\/(auth\/me|dictionaries|regions\/tree|aid\/mine|aid-cases\/\d+)$/.test(url.pathname),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'bangfu-api',
              networkTimeoutSeconds: 8,
              expiration: { maxEntries: 200, maxAgeSeconds: 7 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev`: proxy the API to a running `bangfu serve` (BANGFU_API, default 127.0.0.1:8080).
    proxy: {
      '/api': process.env.BANGFU_API || 'http://127.0.0.1:8080',
      '/healthz': process.env.BANGFU_API || 'http://127.0.0.1:8080',
    },
  },
})
