import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { VantResolver } from '@vant/auto-import-resolver'
import pxToViewport from 'postcss-px-to-viewport-8-plugin'

/** Design width in CSS px: Vant and our styles are authored for a 375 px phone. */
const VIEWPORT_WIDTH = 375

/**
 * Vant's icon font lists a CDN copy after its inlined one; the platform runs on government networks
 * and a strict CSP (font-src 'self' data:), so the remote source is dropped at build time.
 */
function dropRemoteFontSources() {
  return {
    postcssPlugin: 'szpm-drop-remote-font-sources',
    AtRule: {
      'font-face': (rule: { walkDecls: (prop: string, cb: (decl: { value: string }) => void) => void }) => {
        rule.walkDecls('src', (decl) => {
          decl.value = decl.value
            .split(/,(?![^(]*\))/)
            .filter((source) => !/url\(\s*['"]?(https?:)?\/\//.test(source))
            .join(',')
        })
      },
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
      '@szpm/api': fileURLToPath(new URL('../core/src/api/index.ts', import.meta.url)),
      '@szpm/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)),
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  css: {
    postcss: {
      plugins: [
        // Vant and our styles are authored for a 375 px phone; lengths scale with the device width
        pxToViewport({ viewportWidth: VIEWPORT_WIDTH, unitPrecision: 5, minPixelValue: 2, mediaQuery: false }),
        dropRemoteFontSources(),
      ],
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
