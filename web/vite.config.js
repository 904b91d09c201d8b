// Vite config of the Bangfu browser UI. Run from the repo root: `npm run build` / `npm run dev`.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const here = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root: here,
  base: '/',
  plugins: [vue()],
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
