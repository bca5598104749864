import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import Components from 'unplugin-vue-components/vite'
import { defineConfig } from 'vite'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  // served by the backend at the site root, same origin as /api
  base: '/',
  resolve: {
    alias: {
      '@szpm/api': here('../core/src/api/index.ts'),
      '@szpm/core': here('../core/src/index.ts'),
      '@': here('./src'),
    },
  },
  plugins: [
    vue(),
    // Element Plus on demand: only the used components (and their css) end up in the bundle
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: 'src/types/auto-imports.d.ts',
    }),
    Components({
      resolvers: [ElementPlusResolver()],
      dts: 'src/types/components.d.ts',
      // our own components are imported explicitly
      dirs: [],
    }),
  ],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3333', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // the tree-shaken ECharts (bar + pie + grid) alone is ~550 kB minified / ~185 kB gz;
    // it only loads with the 备案情况 page
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|vue-echarts)[\\/]/, priority: 1 },
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router)[\\/]/, priority: 2 },
          ],
        },
      },
    },
  },
})
