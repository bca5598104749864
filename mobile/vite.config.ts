import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { VantResolver } from '@vant/auto-import-resolver'

/** Design width in CSS px: Vant and our styles are authored for a 375 px phone. */
const VIEWPORT_WIDTH = 375

/**
 * Minimal px → vw PostCSS plugin (same idea as postcss-px-to-viewport, no extra dependency).
 * Converts every px length > 1 in declarations (Vant's CSS variables included) so the layout
 * scales with the device width; 1px hairlines and strings/urls are left alone.
 */
function pxToViewport() {
  const pattern = /"[^"]*"|'[^']*'|url\([^)]*\)|(-?\d*\.?\d+)px\b/g
  const toVw = (match: string, value: string | undefined) => {
    if (value === undefined) return match
    const px = Number.parseFloat(value)
    if (Math.abs(px) <= 1) return match
    const vw = Number(((px / VIEWPORT_WIDTH) * 100).toFixed(5))
    return `${vw}vw`
  }
  return {
    postcssPlugin: 'szpm-px-to-viewport',
    Declaration(decl: { value: string }) {
      if (decl.value.includes('px')) decl.value = decl.value.replace(pattern, toVw)
    },
  }
}

export default defineConfig({
  // served by the backend under /m/ (same origin as the API)
  base: '/m/',
  plugins: [
    vue(),
    // Vant APIs such as showToast / showFailToast, with their styles
    AutoImport({
      resolvers: [VantResolver()],
      dts: 'src/auto-imports.d.ts',
    }),
    // <van-*> components on demand, with their styles
    Components({
      resolvers: [VantResolver()],
      dts: 'src/components.d.ts',
    }),
  ],
  resolve: {
    alias: {
      '@szpm/api': fileURLToPath(new URL('../backend/client/index.ts', import.meta.url)),
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  css: {
    postcss: {
      plugins: [pxToViewport()],
    },
  },
  server: {
    port: 5174,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3333', changeOrigin: false },
    },
  },
  build: {
    target: 'es2020',
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      output: {
        // Vue + vue-router in one long-cached chunk; Vant stays split per page.
        codeSplitting: {
          groups: [{ name: 'vue', test: /[\\/]node_modules[\\/](@vue|vue|vue-router)[\\/]/ }],
        },
      },
    },
  },
})
