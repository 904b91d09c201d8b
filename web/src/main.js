import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { i18n, currentLocale } from './i18n.js'
import { router } from './router.js'
import { setLanguageProvider, setUnauthorizedHandler } from './api.js'
import { clearSession } from './store.js'

setLanguageProvider(() => currentLocale())

// Any 401 (session expired, logged out elsewhere) goes back to the login page.
setUnauthorizedHandler(() => {
  clearSession()
  const here = router.currentRoute.value
  if (here.name !== 'login') {
    router.replace({ name: 'login', query: here.fullPath && here.fullPath !== '/' ? { redirect: here.fullPath } : {} })
  }
})

createApp(App).use(i18n).use(ElementPlus).use(router).mount('#app')
