import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { createApp } from 'vue'
import App from './App.vue'
import router from './router'
import './styles/index.css'

dayjs.locale('zh-cn')

createApp(App).use(router).mount('#app')
