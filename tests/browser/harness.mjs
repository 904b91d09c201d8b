// Test harness of the browser tests: builds (if needed) the web UI, starts a fresh `bangfu serve`
// on a temporary SQLite database with the demo data, and launches Debian's Chromium through
// playwright-core (no browser download, ever).
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const WEB_DIST = process.env.BANGFU_WEB || path.join(ROOT, 'web', 'dist')
export const CHROMIUM = process.env.BANGFU_CHROMIUM || '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function bangfuBin() {
  const bin = process.env.BANGFU_BIN || path.join(ROOT, 'build', 'src', 'cli', 'bangfu')
  if (!fs.existsSync(bin)) {
    throw new Error(`bangfu binary not found at ${bin}: build it (cmake --build build) or set BANGFU_BIN`)
  }
  return bin
}

// The UI must be built (web/dist/index.html). When it is missing, try `npm run build` once.
export function ensureWebBuild() {
  const index = path.join(WEB_DIST, 'index.html')
  if (fs.existsSync(index)) return
  if (fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'vite'))) {
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
    if (r.status === 0 && fs.existsSync(index)) return
  }
  throw new Error(
    `${index} is missing: run "npm ci && npm run build" at the repository root before the browser tests`,
  )
}

function run(bin, args) {
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 120_000 })
  if (r.status !== 0) {
    throw new Error(`${path.basename(bin)} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`)
  }
  return r.stdout
}

// Starts `bangfu serve` on a port of its own choosing and waits for "listening on http://…".
// The database holds the demo's registry; with `fullDemo` also its programs, pairings and work.
export async function startServer({ fullDemo = false } = {}) {
  const bin = bangfuBin()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bangfu-browser-'))
  const db = `sqlite:${path.join(tmp, 't.db')}`
  try {
    run(bin, ['init', '--db', db])
    run(bin, ['demo', '--db', db, ...(fullDemo ? [] : ['--registry-only'])])
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true })
    throw err
  }
  const child = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', WEB_DIST], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Never leave a server behind, even when the test process ends abruptly.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  let output = ''
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bangfu serve did not say "listening on" within 30 s:\n${output}`)), 30_000)
    const onData = (chunk) => {
      output += chunk.toString()
      const m = output.match(/listening on (http:\/\/[^\s]+)/)
      if (m) {
        clearTimeout(timer)
        resolve(m[1].replace(/\/$/, ''))
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (c) => (output += c.toString()))
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`bangfu serve exited (${code ?? signal}) before listening:\n${output}`))
    })
  }).catch((err) => {
    child.kill('SIGKILL')
    fs.rmSync(tmp, { recursive: true, force: true })
    throw err
  })
  // Keep draining the pipes so the server never blocks on a full pipe.
  child.stdout.removeAllListeners('data')
  child.stdout.on('data', () => {})
  child.stderr.on('data', () => {})
  child.removeAllListeners('exit')

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    process.removeListener('exit', killOnExit)
  }
  return { url, tmp, db, bin, stop }
}

export function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`)
  // chromium.launch gives every run a fresh temporary profile (user data dir) of its own.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
}

// The native <input> of an Element Plus input: data-test sits on the <input> for el-input and on
// the wrapper for el-input-number / el-select.
export function inputOf(page, testId) {
  return page.locator(`input[data-test="${testId}"], [data-test="${testId}"] input`).first()
}

// Opens an el-select (by its data-test) and clicks the option with the given data-test.
export async function choose(page, selectTestId, optionTestId) {
  await page.locator(`[data-test="${selectTestId}"]`).first().click()
  const option = page.locator(`.el-popper:visible [data-test="${optionTestId}"]`).first()
  await option.waitFor({ state: 'visible' })
  await option.click()
}

// Waits until the native input of `testId` holds `value` (e.g. a form filled from the server).
export async function waitForValue(page, testId, value) {
  await page.waitForFunction(
    ([id, v]) => {
      const el = document.querySelector(`input[data-test="${id}"]`) || document.querySelector(`[data-test="${id}"] input`)
      return el && el.value === v
    },
    [testId, value],
  )
}

// Waits until no Element Plus loading mask is shown.
export async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask'))
}

// Picks an option of a remote-search select: types `text`, clicks the option (`option`: a CSS
// selector inside the open dropdown, or a function of the page returning a locator) and checks
// the select now shows a choice. The option list is replaced when a slower search answer
// arrives, and a click in that moment is lost (seen in CI: a donation saved without its donor,
// an inspection without its program), so it tries again, up to three times.
export async function pickRemote(page, selectTestId, text, option) {
  const select = page.locator(`[data-test="${selectTestId}"]`).first()
  const optionLocator = () =>
    typeof option === 'function' ? option(page) : page.locator(`.el-popper:visible ${option}`).first()
  for (let attempt = 1; ; attempt++) {
    await select.click()
    await select.locator('input').fill(text)
    await optionLocator().click()
    const chosen = await page
      .waitForFunction((id) => {
        const shown = document.querySelector(`[data-test="${id}"] .el-select__placeholder`)
        return shown && !shown.classList.contains('is-transparent') && shown.innerText.trim() !== ''
      }, selectTestId, { timeout: 3000 })
      .then(() => true, () => false)
    if (chosen) return
    if (attempt === 3) throw new Error(`${selectTestId}: no option for "${text}" stayed chosen`)
    await page.keyboard.press('Escape')
  }
}

// The set-up a test file of one logged-in user needs: a server (with the whole demo when
// `fullDemo`), Chromium, a zh-CN page of 1440×900 with a 15 s default timeout that collects the
// page's errors, logged in as `username`. `step(name, fn)` adds a screenshot and the URL to a
// failure; `close()` stops it all and keeps only the screenshots of the temporary directory.
// `viewport` (default 1440×900; PHONE is 390×844). `s.consoleErrors` and `s.failedRequests` collect
// what the console said in red and the requests that failed or were answered ≥ 400 after login.
export const DESK = { width: 1440, height: 900 }
export const PHONE = { width: 390, height: 844 }

export async function openSession({ fullDemo = false, username, viewport = DESK, server }) {
  ensureWebBuild()
  const s = { pageErrors: [], consoleErrors: [], failedRequests: [], ownServer: !server }
  try {
    s.server = server || (await startServer({ fullDemo }))
    s.browser = await launchBrowser()
    s.context = await s.browser.newContext({ baseURL: s.server.url, locale: 'zh-CN', viewport, hasTouch: viewport.width < 768 })
    s.context.setDefaultTimeout(15_000)
    s.page = await s.context.newPage()
    s.page.on('pageerror', (err) => s.pageErrors.push(String(err)))
    await login(s.page, username)
    watchPage(s.page, s)
  } catch (err) {
    await s.browser?.close()
    if (s.ownServer) await s.server?.stop()
    throw err
  }
  s.step = async (name, fn) => {
    try {
      await fn()
    } catch (err) {
      const file = path.join(s.server.tmp, `${name.replace(/[^\w-]+/g, '_')}.png`)
      await s.page.screenshot({ path: file, fullPage: true }).catch(() => {})
      err.message += `\n(screenshot: ${file}; url: ${s.page.url()})`
      throw err
    }
  }
  s.close = async () => {
    await s.browser.close()
    if (!s.ownServer) return
    await s.server.stop()
    if (!process.env.BANGFU_KEEP_TMP) {
      for (const f of fs.readdirSync(s.server.tmp)) if (!f.endsWith('.png')) fs.rmSync(path.join(s.server.tmp, f), { force: true })
      if (!fs.readdirSync(s.server.tmp).length) fs.rmdirSync(s.server.tmp)
    }
  }
  return s
}

// Logs in on the login page as `username` (password of the demo) and waits for the layout.
export async function login(page, username) {
  await page.goto('/login')
  await inputOf(page, 'login-username').fill(username)
  await inputOf(page, 'login-password').fill('Bangfu@2026')
  await page.click('[data-test="login-submit"]')
  await page.locator('[data-test="current-user-name"]').waitFor()
}

// Collects into `into.consoleErrors` / `into.failedRequests` the console's errors and the requests
// that failed (no answer, or an answer >= 400) from now on. Aborted requests (a page left while
// loading) are not failures.
export function watchPage(page, into) {
  into.consoleErrors ??= []
  into.failedRequests ??= []
  page.on('console', (m) => {
    if (m.type() === 'error') into.consoleErrors.push(`${page.url()}: ${m.text()}`)
  })
  page.on('response', (r) => {
    if (r.status() >= 400) into.failedRequests.push(`${r.status()} ${r.request().method()} ${r.url()} (on ${page.url()})`)
  })
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText || ''
    if (!/ERR_ABORTED|cancelled|ERR_INTERNET_DISCONNECTED/i.test(why)) into.failedRequests.push(`${why} ${r.method()} ${r.url()} (on ${page.url()})`)
  })
  return into
}

// Neither the document nor the layout's scrolling main box is wider than the viewport: nothing
// makes a phone scroll sideways (a table scrolls inside its own box, which is allowed). Answers
// the offending elements, for the failure message.
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const w = window.innerWidth
    const out = []
    if (document.documentElement.scrollWidth > w) out.push(`document ${document.documentElement.scrollWidth} > ${w}`)
    const main = document.querySelector('.el-main')
    if (main && main.scrollWidth > main.clientWidth + 1) {
      out.push(`main ${main.scrollWidth} > ${main.clientWidth}`)
      for (const el of main.querySelectorAll('*')) {
        const r = el.getBoundingClientRect()
        if (r.width && r.right > w + 1 && !el.closest('.el-table, .el-scrollbar, .el-tabs__nav-scroll')) {
          out.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ').slice(0, 2).join('.')} right=${Math.round(r.right)}`)
          if (out.length > 6) break
        }
      }
    }
    return out
  })
}
