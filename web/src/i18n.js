// vue-i18n setup: Chinese first, English switch persisted in localStorage.
import { createI18n } from 'vue-i18n'
import zhCN from './locales/zh-CN.js'
import en from './locales/en.js'

export const LANG_KEY = 'bangfu.lang'
export const LANGS = ['zh-CN', 'en']

function initialLocale() {
  try {
    const saved = localStorage.getItem(LANG_KEY)
    if (LANGS.includes(saved)) return saved
  } catch {
    /* storage may be unavailable */
  }
  return 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function currentLocale() {
  return i18n.global.locale.value
}

export function setLocale(lang) {
  if (!LANGS.includes(lang)) return
  i18n.global.locale.value = lang
  try {
    localStorage.setItem(LANG_KEY, lang)
  } catch {
    /* ignore */
  }
  document.documentElement.lang = lang
}

document.documentElement.lang = initialLocale()
