import { createApp } from 'vue'
import App from './App.vue'
import router from './router'
import { installGuards } from './router/guards'
import './styles.css'

// Vant's default locale is zh-CN, so no Locale.use() is needed.
installGuards(router)

createApp(App).use(router).mount('#app')
