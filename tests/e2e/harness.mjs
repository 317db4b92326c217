// Shared setup for the end-to-end tests: a desk per test file, a static server for test host pages, Chromium,
// and page objects. Run from the repository root: `node --test --test-concurrency=1 tests/e2e/`.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const PAGES_DIR = path.join(here, 'pages');
export const SCREENSHOTS_DIR = path.join(ROOT, 'docs', 'screenshots');
export const DESK_BIN =
  process.env.DESK_BIN ||
  path.join(process.env.CARGO_TARGET_DIR || path.join(os.homedir(), '.cache', 'signpost-target'), 'debug', 'signpost-desk');

export const DEMO_PAGES = ['checkout', 'order', 'onboarding'];

/** The key the test desks derive ticket access tokens from (`--token-key`, at least 32 bytes). */
export const TOKEN_KEY = 'e2e-token-key-0123456789abcdef0123456789';

// ---------------------------------------------------------------------------------------------------------------
// The desk

/** Resolves once nothing listens on `host:port` any more (a stopped desk's port can be bound again). */
async function portFree(host, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const free = await new Promise((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, host, () => probe.close(() => resolve(true)));
    });
    if (free) return;
    if (Date.now() > deadline) throw new Error(`${host}:${port} was still taken after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resolves once `GET url/healthz` answers 200; rejects after the deadline. */
async function healthy(url, deadline, describe) {
  for (;;) {
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) })
      .then((response) => response.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`the desk at ${url} was not healthy in time:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts `signpost-desk serve` on a free port with a fresh SQLite database; resolves once `/healthz` answers.
 * On a loaded two-core machine a debug desk can take well over 15 s to start, so the default bound is generous;
 * a desk restarted on the same address first waits for the old one's port to be free.
 * `content` is the help-content folder to serve (default: the repository's content/), absolute or relative to
 * the repository root. `args` are passed to `serve` after the harness's own (e.g. `['--agent-token', 'secret']`).
 * To restart a desk on the same database and address (durability tests), pass `dir` (a folder the caller owns,
 * holding `desk.db`; `stop()` then leaves it in place) and `listen` (e.g. `127.0.0.1:${await freePort()}`).
 */
export async function startDesk({
  content = 'content', args: extraArgs = [], startTimeoutMs = 90_000, dir: keptDir = null, listen = '127.0.0.1:0',
} = {}) {
  const started = Date.now();
  const [listenHost, listenPort] = [listen.slice(0, listen.lastIndexOf(':')), Number(listen.slice(listen.lastIndexOf(':') + 1))];
  if (listenPort !== 0) await portFree(listenHost, listenPort, startTimeoutMs);
  const dir = keptDir ?? await mkdtemp(path.join(os.tmpdir(), 'signpost-e2e-'));
  const args = [
    'serve',
    '--listen', listen,
    '--database', `sqlite://${dir}/desk.db`,
    '--widget-dir', path.join(ROOT, 'dist'),
    '--console-dir', path.join(ROOT, 'console', 'dist'),
    '--demo-dir', path.join(ROOT, 'demo'),
    '--content', path.resolve(ROOT, content),
    ...extraArgs,
  ];
  const child = spawn(DESK_BIN, args, {
    cwd: dir,
    // One key for every desk the tests start, so a restarted desk opens the threads its browsers filed.
    env: { ...process.env, SIGNPOST_TOKEN_KEY: TOKEN_KEY, RUST_LOG: 'info', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Don't leave it running: a stray child would keep the test process alive.
      // (Measured from the call, so waiting for the port counts against the same bound.)
      child.kill('SIGKILL');
      reject(new Error(`the desk did not start within ${startTimeoutMs / 1000} s:\n${log}`));
    }, startTimeoutMs);
    const onData = (chunk) => {
      log += chunk;
      // Strip colours in case the logger ignores NO_COLOR.
      const plain = log.replace(/\x1b\[[0-9;]*m/g, '');
      const match = plain.match(/desk listening.*?address=(\d+\.\d+\.\d+\.\d+):(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(`http://${match[1]}:${match[2]}`);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('error', (err) => { clearTimeout(timer); reject(err); });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the desk exited (${code}) before listening:\n${log}`));
    });
  });
  try {
    await healthy(url, started + startTimeoutMs, () => log);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    url,
    /** The desk's database URL, for the commands that work on it directly (`agents add`). */
    database: `sqlite://${dir}/desk.db`,
    log: () => log,
    /** Kills the desk at once with `signal` (default SIGKILL), as a crash would, and waits until it is gone. */
    async kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
    /**
     * Asks the desk to stop (SIGTERM), killing it after 5 s if it has not; resolves to
     * `{ forced, ms }` (whether SIGKILL was needed, how long it took) once it is gone.
     */
    async stop() {
      const started = Date.now();
      let forced = false;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => { forced = true; child.kill('SIGKILL'); }, 5_000);
        await exited;
        clearTimeout(timer);
      }
      if (!keptDir) await rm(dir, { recursive: true, force: true });
      return { forced, ms: Date.now() - started };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The static server for test host pages

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Replaces `{{DESK}}` and `{{ORIGIN}}` (this server) in a page or asset. */
function template(text, vars) {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name) => (name in vars ? vars[name] : whole));
}

/**
 * Serves tests/e2e/pages/ on another port (so another origin than the desk). Text files are templated with the
 * desk's URL. A page `x.html` gets the Content-Security-Policy written (templated) in `x.html.csp`, if present.
 * `/slow.svg?ms=N` answers after N ms, to hold a page's load event back.
 */
export async function startStaticServer(deskUrl, extraVars = {}) {
  // `extraVars`: more `{{NAME}}`s, e.g. the origin of another test server.
  const vars = { ...extraVars, DESK: deskUrl, ORIGIN: '' };
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/slow.svg') {
        const ms = Math.min(Number(url.searchParams.get('ms')) || 0, 10_000);
        await new Promise((resolve) => setTimeout(resolve, ms));
        res.writeHead(200, { 'content-type': TYPES['.svg'], 'cache-control': 'no-store' });
        res.end('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
        return;
      }
      const name = decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = path.join(PAGES_DIR, name);
      if (!name || name.includes('..') || path.basename(name).startsWith('.') || !TYPES[path.extname(name)]) {
        throw Object.assign(new Error('not found'), { code: 'ENOENT' });
      }
      const body = template(await readFile(file, 'utf8'), vars);
      const headers = { 'content-type': TYPES[path.extname(name)], 'cache-control': 'no-store' };
      const csp = await readFile(`${file}.csp`, 'utf8').catch(() => null);
      if (csp !== null) headers['content-security-policy'] = template(csp, vars).replace(/\s+/g, ' ').trim();
      res.writeHead(200, headers);
      res.end(body);
    } catch (err) {
      res.writeHead(err.code === 'ENOENT' ? 404 : 500, { 'content-type': 'text/plain' });
      res.end(String(err.message));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  vars.ORIGIN = url;
  return {
    url,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A third origin serving one JSON document the test controls, as a Statuspage-compatible feed would (with
 * `Access-Control-Allow-Origin: *`). `set(body)` changes what it serves (an object is JSON-encoded, a string
 * goes out as is, so a test can serve malformed JSON); `requests()` counts the requests it answered.
 */
export async function startFeedServer(initial = {}) {
  let body = typeof initial === 'string' ? initial : JSON.stringify(initial);
  let count = 0;
  const server = http.createServer((req, res) => {
    count += 1;
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'access-control-allow-origin': '*',
      'cache-control': 'no-store',
    });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    set(next) {
      body = typeof next === 'string' ? next : JSON.stringify(next);
    },
    requests: () => count,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The operator CLI

/**
 * Runs the desk binary as the operator CLI against `desk` (what `setup` or `startDesk` returned) with the agent
 * token `token`, e.g. `runCli(desk, token, 'incident', 'open', '--impact', 'major', 'Title')`. Resolves to its
 * trimmed standard output (the new incident's id for `incident open`); rejects with its output if it fails.
 */
export function runCli(desk, token, ...args) {
  return new Promise((resolve, reject) => {
    execFile(
      DESK_BIN,
      args,
      {
        env: { ...process.env, SIGNPOST_DESK: desk.url, SIGNPOST_AGENT_TOKEN: token, NO_COLOR: '1' },
        timeout: 20_000,
      },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`signpost-desk ${args.join(' ')} failed: ${err.message}\n${stdout}\n${stderr}`));
        } else {
          resolve(stdout.trim());
        }
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The browser

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Registers the per-file lifecycle: one desk, one static server, one browser. Returns an object whose fields are
 * filled in by the `before` hook: `{ desk, pages, browser }`. `deskOptions` go to `startDesk` (e.g. `content`,
 * `args`); `pageVars` are more `{{NAME}}`s for the static server's pages (e.g. another server's origin).
 */
export function setup(deskOptions = {}, pageVars = {}) {
  const env = {};
  before(async () => {
    await stat(DESK_BIN).catch(() => {
      throw new Error(`no desk binary at ${DESK_BIN} (set DESK_BIN)`);
    });
    env.desk = await startDesk(deskOptions);
    env.pages = await startStaticServer(env.desk.url, pageVars);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.pages?.stop();
    await env.desk?.stop();
  });
  return env;
}

/**
 * A fresh context and page that records CSP violations (in `window.__cspViolations`), page errors, console
 * messages and requests. Close it with `page.context().close()` (or the returned `close()`).
 */
export async function newPage(browser, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const record = { errors: [], console: [], requests: [] };
  page.on('pageerror', (err) => record.errors.push(err));
  page.on('console', (msg) => record.console.push({ type: msg.type(), text: msg.text() }));
  page.on('request', (req) => {
    const entry = { url: req.url(), at: Date.now(), finished: false };
    record.requests.push(entry);
    req.__recorded = entry;
  });
  page.on('requestfinished', (req) => { if (req.__recorded) req.__recorded.finished = true; });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        window.__cspViolations.push({
          directive: e.violatedDirective,
          effective: e.effectiveDirective,
          blocked: e.blockedURI,
          source: e.sourceFile,
          line: e.lineNumber,
          sample: e.sample,
        });
      },
      true,
    );
  });
  return {
    page,
    context,
    record,
    /** The CSP violations reported so far, in the page. */
    cspViolations: () => page.evaluate(() => window.__cspViolations),
    /** Requests whose URL matches `re`. */
    requested: (re) => record.requests.filter((r) => re.test(r.url)),
    close: () => context.close(),
  };
}

/** Resolves once `condition()` is true, checking every 100 ms; fails naming `what` (or what `what()` says then)
 * after `timeout` ms. */
export async function until(condition, what, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`waited ${timeout} ms for ${typeof what === 'function' ? what() : what}`);
    await sleep(100);
  }
}

/** Describes collected errors readably in assertion messages. */
export function describeErrors(errors) {
  return errors.map((err) => (err && err.stack) || String(err)).join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Page object

/** The widget on a page, as a user (and a test) meets it. */
/** The suggested articles and actions (not the guided flows listed above them). */
const ITEMS = '.sp-suggestions > .sp-suggestion:not(.sp-suggestion--flow)';

export class Widget {
  constructor(page) {
    this.page = page;
  }

  /** The launcher button (placeholder before the wasm loads, the widget's own after). */
  launcher() {
    return this.page.getByRole('button', { name: 'Help', exact: true });
  }

  /** The help panel (only found by role while it is showing). */
  panel() {
    return this.page.getByRole('dialog', { name: 'Help' });
  }

  /** The panel's close button. */
  closeButton() {
    return this.page.getByRole('button', { name: 'Close help' });
  }

  /** The panel element, whether showing or not. */
  panelElement() {
    return this.page.locator('signpost-widget .sp-panel');
  }

  /** Clicks the launcher and waits until the panel shows. */
  async open() {
    await this.launcher().click();
    await this.panel().waitFor({ state: 'visible' });
  }

  /**
   * Resolves once the wasm widget has replaced the loader's placeholder (the panel exists). The widget loads
   * when the user reaches for help, so this hovers the launcher first, as a user would (unless the page hides
   * it, or has already loaded the widget).
   */
  async ready() {
    const launcher = this.page.locator('signpost-widget .sp-launcher');
    if ((await this.panelElement().count()) === 0 && (await launcher.isVisible())) await launcher.hover();
    await this.panelElement().waitFor({ state: 'attached' });
  }

  /** Class name of the focused element inside the widget's shadow root ('' if none). */
  focusedClass() {
    return this.page.evaluate(
      () => document.querySelector('signpost-widget')?.shadowRoot?.activeElement?.className ?? '',
    );
  }

  /** Whether the focused element in the shadow root is the panel or inside it. */
  focusIsInPanel() {
    return this.page.evaluate(() => {
      const root = document.querySelector('signpost-widget')?.shadowRoot;
      const panel = root?.querySelector('.sp-panel');
      return Boolean(panel && root.activeElement && panel.contains(root.activeElement));
    });
  }

  /** How many `<signpost-widget>` elements the page has. */
  hostCount() {
    return this.page.evaluate(() => document.querySelectorAll('signpost-widget').length);
  }

  /** Calls the page-facing API `Signpost(...args)`. Functions can't cross into the page: pass plain data. */
  call(...args) {
    return this.page.evaluate((a) => window.Signpost(...a), args);
  }

  /**
   * Computed styles of the widget's parts, for comparing pages. Returns `{ part: { property: value } }` with
   * the box size from getBoundingClientRect.
   */
  styles() {
    return this.page.evaluate(() => {
      const root = document.querySelector('signpost-widget').shadowRoot;
      const parts = {
        panel: '.sp-panel',
        header: '.sp-panel__header',
        title: '.sp-panel__title',
        close: '.sp-panel__close',
        launcher: '.sp-launcher',
      };
      const props = [
        'font-family', 'font-size', 'font-weight', 'line-height', 'color', 'background-color', 'border-radius',
        'direction', 'text-align', 'padding', 'display', 'visibility', 'opacity',
      ];
      const out = {};
      for (const [name, selector] of Object.entries(parts)) {
        const el = root.querySelector(selector);
        if (!el) { out[name] = null; continue; }
        const cs = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        out[name] = { width: Math.round(box.width), height: Math.round(box.height) };
        for (const p of props) out[name][p] = cs.getPropertyValue(p);
      }
      return out;
    });
  }

  // --- Help content: search, suggestions, articles -----------------------------------------------------------

  /** The search box (a combobox). */
  searchBox() {
    return this.panel().getByRole('combobox', { name: 'Search help articles' });
  }

  /** The search results listbox (only found by role while it has results). */
  results() {
    return this.panel().getByRole('listbox', { name: 'Search results' });
  }

  /** The result options. */
  resultOptions() {
    return this.results().getByRole('option');
  }

  /** Titles of the search results shown, in order. */
  resultTitles() {
    return this.panelElement().locator('.sp-result .sp-result__title').allTextContents();
  }

  /** The visually hidden live region that announces how many articles were found. */
  searchStatus() {
    return this.panelElement().locator('.sp-search [role="status"]');
  }

  /** The "Suggested for you" section. */
  suggestedSection() {
    return this.panel().getByRole('region', { name: 'Suggested for you' });
  }

  /** Titles of the suggested articles and actions, in order (the guided flows before them: `flowTitles`). */
  suggestionTitles() {
    return this.panelElement().locator(`${ITEMS} .sp-suggestion__title`).allTextContents();
  }

  /** Titles of the guided flows offered first among the suggestions, in order. */
  flowTitles() {
    return this.panelElement().locator('.sp-suggestion--flow .sp-suggestion__title').allTextContents();
  }

  /** Waits until the first suggestion's title is `title` (suggestions follow the context asynchronously). */
  async waitForFirstSuggestion(title, timeout = 10_000) {
    await this.page.waitForFunction(
      ({ expected, items }) => {
        const root = document.querySelector('signpost-widget')?.shadowRoot;
        return root?.querySelector(`${items} .sp-suggestion__title`)?.textContent === expected;
      },
      { expected: title, items: ITEMS },
      { timeout },
    ).catch(async (err) => {
      throw new Error(`first suggestion never became "${title}"; shown: ${JSON.stringify(await this.suggestionTitles())}\n${err.message}`);
    });
  }

  /**
   * One suggested item by its title: `{ item, open, why, explanation }` — the list item, its title button, its
   * "Why am I seeing this?" button and the explanation that button controls (found through aria-controls).
   */
  async suggestion(title) {
    const item = this.panelElement()
      .locator('li.sp-suggestion')
      .filter({ has: this.page.locator('.sp-suggestion__title', { hasText: title }) })
      .first();
    const why = item.getByRole('button', { name: 'Why am I seeing this?' });
    const controls = await why.getAttribute('aria-controls');
    if (!controls) throw new Error(`"Why am I seeing this?" for "${title}" has no aria-controls`);
    const box = this.panelElement().locator(`[id="${controls}"]`);
    return {
      item,
      open: item.locator('.sp-suggestion__open'),
      why,
      /** The explanation's box, there (hidden) before it is first opened. */
      box,
      // Its reasons are built by a module fetched on first use: reading it waits until they are in.
      explanation: box.filter({ has: this.page.locator('.sp-explanation__reason') }),
    };
  }

  /** The article view's heading (the article's title). */
  articleHeading() {
    return this.panelElement().locator('.sp-article__title');
  }

  /** The article view's sanitised body. */
  articleBody() {
    return this.panelElement().locator('.sp-article__body');
  }

  /** The article view's "← Back" button. */
  backButton() {
    return this.panel().getByRole('button', { name: 'Back', exact: true });
  }

  /** A "Was this helpful?" answer button ('Yes' or 'No'). */
  feedbackButton(answer) {
    return this.panel().getByRole('group', { name: 'Was this helpful?' }).getByRole('button', { name: answer, exact: true });
  }

  /**
   * Listens to widget events through the page-facing API (`Signpost('on', …)`); works before the loader has
   * arrived (the queue stub). Read what was heard with `events()`.
   */
  listen(names) {
    return this.page.evaluate((list) => {
      window.__spEvents = window.__spEvents || [];
      window.Signpost = window.Signpost || function () { (window.Signpost.q = window.Signpost.q || []).push(arguments); };
      for (const name of list) {
        window.Signpost('on', name, (detail) => {
          window.__spEvents.push({ name, detail: detail === undefined ? null : JSON.parse(JSON.stringify(detail)) });
        });
      }
    }, names);
  }

  /** Types `text` into the search box at once and waits for the results list. */
  async search(text) {
    await this.searchBox().fill(text);
    await this.results().waitFor({ state: 'visible' });
  }

  /** Clicks the search result titled `title` and waits for the article view's heading. */
  async openResult(title) {
    await this.resultOptions().filter({ hasText: title }).first().click();
    await this.articleHeading().waitFor({ state: 'visible' });
  }

  /** Events heard since `listen`, as `{ name, detail }`. */
  events() {
    return this.page.evaluate(() => window.__spEvents || []);
  }

  // --- Service status ---------------------------------------------------------------------------------------

  /**
   * The launcher whatever news its name carries ("Help", or "Help — service issue affecting checkout" while an
   * incident concerns the page and the panel is closed).
   */
  statusLauncher() {
    return this.page.getByRole('button', { name: /^Help( — .+)?$/ });
  }

  /** The launcher's badge (present once the widget runs; shown only while something concerns the page). */
  launcherBadge() {
    return this.page.locator('signpost-widget .sp-launcher__badge');
  }

  /** The polite live region at the top of the panel that holds the status banner and the "Resolved" notice. */
  statusLive() {
    return this.panelElement().locator('.sp-status-live');
  }

  /** The status banner (not the "Resolved: …" notice). */
  statusBanner() {
    return this.statusLive().locator('.sp-banner:not(.sp-banner--resolved)');
  }

  /** The "Resolved: <title>" notice left when the incident shown ends while the panel is open. */
  resolvedNotice() {
    return this.statusLive().locator('.sp-banner--resolved');
  }

  /** The banner's parts as text: `{ className, impact, title, body, meta }` (null when there is no banner). */
  async bannerText() {
    // One look, without waiting: the banner may go between a count and a read.
    return this.statusBanner().evaluateAll(([el]) => {
      if (!el) return null;
      const text = (selector) => el.querySelector(selector)?.textContent ?? null;
      return {
        className: el.className,
        impact: text('.sp-banner__impact'),
        title: text('.sp-banner__title'),
        body: text('.sp-banner__body'),
        meta: text('.sp-banner__meta'),
      };
    });
  }

  /** The banner's "View status" button. */
  viewStatusButton() {
    return this.panel().getByRole('button', { name: 'View status', exact: true });
  }

  /** The status view (every open incident with its timeline). */
  statusView() {
    return this.panelElement().locator('.sp-status-view');
  }

  /** The visually hidden assertive region that announces critical incidents. */
  statusAlert() {
    return this.panelElement().locator('[role="alert"]');
  }

  // --- Contact support, requests and threads ------------------------------------------------------------------

  /** The home view's "Contact support" button. */
  contactButton() {
    return this.panel().getByRole('button', { name: 'Contact support', exact: true });
  }

  /** The home view's "Your requests" button (there once this browser has filed a request). */
  requestsButton() {
    return this.panel().getByRole('button', { name: 'Your requests', exact: true });
  }

  /** Clicks "Contact support" and waits for the form. */
  async openContact() {
    await this.contactButton().click();
    await this.sendRequestButton().waitFor({ state: 'visible' });
  }

  /** The contact form's fields, by their labels. */
  topicSelect() {
    return this.panel().getByLabel('Topic');
  }

  subjectInput() {
    return this.panel().getByLabel('Subject');
  }

  messageInput() {
    return this.panel().getByLabel('How can we help?');
  }

  emailInput() {
    return this.panel().getByLabel('Your email');
  }

  /** "What we'll send with your request": the fieldset with one checkbox per context item. */
  consentGroup() {
    return this.panel().getByRole('group', { name: 'What we\'ll send with your request' });
  }

  /** The context item's checkbox whose label starts with `prefix` (e.g. "Order number A-1043"). */
  consentBox(prefix) {
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.consentGroup().getByRole('checkbox', { name: new RegExp(`^${escaped}`) });
  }

  /** The labels of the context items offered, in order. */
  consentLabels() {
    return this.panelElement().locator('.sp-consent .sp-consent__item').allTextContents();
  }

  sendRequestButton() {
    return this.panel().getByRole('button', { name: 'Send request', exact: true });
  }

  /** The error shown next to the form field named `name` (topic, subject, message, email). */
  fieldError(name) {
    return this.panelElement().locator(`label.sp-field:has([name="${name}"]) .sp-field__error`);
  }

  /** `{ name: errorText }` for every form field that shows an error. */
  fieldErrors() {
    return this.page.evaluate(() => {
      const root = document.querySelector('signpost-widget')?.shadowRoot;
      const out = {};
      for (const label of root?.querySelectorAll('.sp-contact label.sp-field') ?? []) {
        const control = label.querySelector('[name]');
        const text = label.querySelector('.sp-field__error')?.textContent ?? '';
        if (control && text) out[control.getAttribute('name')] = text;
      }
      return out;
    });
  }

  /** The `name` attribute of the focused element inside the widget's shadow root ('' if none). */
  focusedName() {
    return this.page.evaluate(
      () => document.querySelector('signpost-widget')?.shadowRoot?.activeElement?.getAttribute('name') ?? '',
    );
  }

  /** Fills the contact form; only the fields given are touched (`topic` is an option value, e.g. `refund`). */
  async fillContact({ topic, subject, message, email } = {}) {
    if (topic !== undefined) await this.topicSelect().selectOption(topic);
    if (subject !== undefined) await this.subjectInput().fill(subject);
    if (message !== undefined) await this.messageInput().fill(message);
    if (email !== undefined) await this.emailInput().fill(email);
  }

  /** The contact view's live region: the confirmation ("Request SP-1042 sent") or "Saved. …". */
  contactStatus() {
    return this.panelElement().locator('.sp-contact .sp-contact__status');
  }

  /** Waits until the contact view confirms a filed request; resolves to its id ("SP-1042"). */
  async waitForSent(timeout = 10_000) {
    const title = this.contactStatus().locator('.sp-banner__title', { hasText: /^Request SP-\d+ sent$/ });
    await title.waitFor({ state: 'visible', timeout });
    return (await title.textContent()).match(/SP-\d+/)[0];
  }

  /** Opens "Your requests" from the home view. */
  async openRequests() {
    await this.requestsButton().click();
    await this.panelElement().locator('.sp-requests').waitFor({ state: 'visible' });
  }

  /** The request ids listed in "Your requests", in order. */
  async requestIds() {
    const summaries = await this.panelElement().locator('.sp-requests .sp-suggestion__summary').allTextContents();
    return summaries.map((s) => s.match(/SP-\d+/)?.[0] ?? s);
  }

  /** Opens the request `id` from "Your requests" and waits for its thread. */
  async openThread(id) {
    await this.panelElement().locator('.sp-requests .sp-suggestion__open', { hasText: id }).click();
    await this.panelElement().locator('.sp-thread .sp-thread__meta', { hasText: id }).waitFor({ state: 'visible' });
  }

  /** The open thread's messages, oldest first, as `{ who: 'Support' | 'You', body }`. */
  threadMessages() {
    return this.panelElement().locator('.sp-thread .sp-messages > li').evaluateAll((items) =>
      items.map((li) => ({
        who: li.querySelector('.sp-message__who')?.textContent ?? '',
        body: li.querySelector('.sp-message__body')?.textContent ?? '',
      })),
    );
  }

  replyBox() {
    return this.panel().getByLabel('Your reply');
  }

  sendReplyButton() {
    return this.panel().getByRole('button', { name: 'Send reply', exact: true });
  }
}

/**
 * Records every `summary` event the page's EventSources receive, in `window.__statusEvents` (call before
 * `goto`). Lets a test know the widget has had the feed's state before asserting that nothing shows.
 */
export async function recordStatusEvents(page) {
  await page.addInitScript(() => {
    window.__statusEvents = [];
    const Native = window.EventSource;
    if (!Native) return;
    window.EventSource = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener('summary', (event) => window.__statusEvents.push(String(event.data)));
      }
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Help content, read from the repository so tests follow the content rather than copy it

/** A copy of the repository's content folder with `experiments` (TOML tables) added to its experiments file. */
export function contentWithExperiments(experiments) {
  const content = fs.mkdtempSync(path.join(os.tmpdir(), 'signpost-experiments-'));
  fs.cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  fs.appendFileSync(path.join(content, 'experiments.toml'), experiments);
  return content;
}

/** The `title` in the front matter of `<dir>/<id>.md` (dir relative to the repository root). */
export async function articleTitle(id, dir = 'content/articles') {
  const source = await readFile(path.resolve(ROOT, dir, `${id}.md`), 'utf8');
  const match = source.match(/^title:\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(.+?))\s*$/m);
  if (!match) throw new Error(`no title in ${dir}/${id}.md`);
  return match[1] !== undefined ? JSON.parse(`"${match[1]}"`) : (match[2] ?? match[3]);
}

/** One message from `locales/<tag>.toml`: a string, or a plural table's `other` form. */
export async function message(tag, key) {
  const text = await readFile(path.join(ROOT, 'locales', `${tag}.toml`), 'utf8');
  const line = text.split('\n').find((l) => l.startsWith(`${key} =`));
  if (!line) throw new Error(`no ${key} in locales/${tag}.toml`);
  const value = line.slice(line.indexOf('=') + 1).trim();
  const quoted = value.startsWith('{') ? value.match(/other = ("(?:[^"\\]|\\.)*")/)[1] : value;
  return JSON.parse(quoted.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))));
}

/** The `reason` template of the rule `ruleId` in content/rules.toml, in `language` (`reason = "…"` is English). */
export async function ruleReason(ruleId, file = 'content/rules.toml', language = 'en') {
  const source = await readFile(path.resolve(ROOT, file), 'utf8');
  for (const block of source.split(/^\[\[rule\]\]\s*$/m).slice(1)) {
    if (!new RegExp(`^id\\s*=\\s*"${ruleId}"\\s*$`, 'm').test(block)) continue;
    const key = language === 'en' ? `reason(?:\\.en)?` : `reason\\.${language}`;
    const reason = block.match(new RegExp(`^${key}\\s*=\\s*("(?:[^"\\\\]|\\\\.)*")\\s*$`, 'm'));
    if (!reason) throw new Error(`rule ${ruleId} has no reason in ${file}`);
    return JSON.parse(reason[1]);
  }
  throw new Error(`no rule ${ruleId} in ${file}`);
}

/**
 * A RegExp matching a rule's reason once its `{placeholders}` are filled: each placeholder named in `values`
 * (e.g. `{ 'order.id': 'A-1043', 'order.promised_by|days_since': 3 }`) must read exactly so; any other one
 * (dates, whose format depends on the locale) matches any text.
 */
export function reasonPattern(template, values = {}) {
  const escape = (text) => String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = template.split(/(\{[^}]+\})/);
  const body = parts
    .map((part) => {
      const name = part.startsWith('{') && part.endsWith('}') ? part.slice(1, -1) : null;
      if (name === null) return escape(part);
      return name in values ? escape(values[name]) : '.+?';
    })
    .join('');
  return new RegExp(`^${body}$`);
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------------
// Tickets: the desk's ticket API and agent API, as tests drive them

/** The agent token the ticket tests give their desks. */
export const AGENT_TOKEN = 'e2e-agent-token-0123456789abcdef0123';

/**
 * `serve` arguments for ticket tests: the agent API on, and filing limits high enough that a test's own tickets
 * (all from 127.0.0.1) are never refused for being too many.
 */
export const TICKET_DESK_ARGS = [
  '--agent-token', AGENT_TOKEN,
  '--tickets-per-address-per-hour', '100000',
  '--tickets-per-email-per-hour', '100000',
  '--replies-per-address-per-hour', '100000',
];

/** A TCP port free right now on 127.0.0.1 (for a desk that must come back on the same address). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A valid `POST /v1/tickets` body; `overrides` replace top-level fields (and `context` as a whole). */
export function ticketBody(overrides = {}) {
  return {
    topic: 'order-not-arrived',
    subject: 'My parcel is late',
    message: 'Order A-1043 was due three days ago and tracking has not moved.',
    email: 'lena@example.com',
    context: { surface: 'order', order_id: 'A-1043', order_status: 'shipped' },
    ...overrides,
  };
}

/**
 * `POST /v1/tickets` with `key` as Idempotency-Key (none if null). `body` is JSON-encoded unless it is a string
 * (sent as is). Resolves to `{ status, headers, body, text }`; `body` is the parsed JSON, or null.
 */
export async function postTicket(deskUrl, key, body, { headers = {}, signal } = {}) {
  const response = await fetch(`${deskUrl}/v1/tickets`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === null ? {} : { 'idempotency-key': key }),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
  return readResponse(response);
}

async function readResponse(response) {
  const text = await response.text();
  let body = null;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: response.status, headers: response.headers, body, text };
}

/** The agent API of the desk at `deskUrl` (a string, so a desk restarted on the same address keeps working). */
export class AgentApi {
  constructor(deskUrl, token = AGENT_TOKEN) {
    this.deskUrl = deskUrl;
    this.token = token;
  }

  async request(method, pathAndQuery, body) {
    const response = await fetch(`${this.deskUrl}${pathAndQuery}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return readResponse(response);
  }

  async ok(method, pathAndQuery, body) {
    const answer = await this.request(method, pathAndQuery, body);
    if (answer.status < 200 || answer.status > 299) {
      throw new Error(`${method} ${pathAndQuery} answered ${answer.status}: ${answer.text}`);
    }
    return answer.body;
  }

  /** Every ticket from `GET /v1/agent/tickets`, page after page, with optional filters `{ queue, status, priority }`. */
  async list(filters = {}) {
    const tickets = [];
    let after;
    do {
      const params = { ...filters, limit: 200, after };
      const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined)).toString();
      const page = await this.ok('GET', `/v1/agent/tickets?${query}`);
      tickets.push(...page.tickets);
      after = page.next;
    } while (after);
    return tickets;
  }

  /** `GET /v1/agent/tickets/{id}`: the thread with `email`, `context`, `messages`, `triage_reasons`. */
  ticket(id) {
    return this.ok('GET', `/v1/agent/tickets/${encodeURIComponent(id)}`);
  }

  /** Every stored ticket in full, whatever the list endpoint's page size: reads SP-1001, SP-1002, … until
   * `gap` numbers in a row are missing. */
  async everyTicket({ gap = 25 } = {}) {
    const found = [];
    for (let number = 1001, missing = 0; missing < gap; number += 1) {
      const answer = await this.request('GET', `/v1/agent/tickets/SP-${number}`);
      if (answer.status === 404) { missing += 1; continue; }
      if (answer.status !== 200) throw new Error(`SP-${number}: ${answer.status} ${answer.text}`);
      missing = 0;
      found.push(answer.body);
    }
    return found;
  }

  reply(id, body) {
    return this.ok('POST', `/v1/agent/tickets/${encodeURIComponent(id)}/reply`, { body });
  }
}

/** The JSON stored in the page's localStorage under `key` (e.g. `signpost.outbox`), or null. */
export function storedJson(page, key) {
  return page.evaluate((k) => {
    const text = window.localStorage.getItem(k);
    return text === null ? null : JSON.parse(text);
  }, key);
}

// ---------------------------------------------------------------------------------------------------------------
// The widget whatever its language: parts by class (Playwright's CSS pierces the open shadow root), the locale

const WIDGET_PARTS = {
  launcher: '.sp-launcher',
  badge: '.sp-launcher__badge',
  panel: '.sp-panel',
  close: '.sp-panel__close',
  search: '.sp-search__input',
  result: '.sp-result',
  suggestion: '.sp-suggestion',
  why: '.sp-suggestion .sp-why',
  explanation: '.sp-explanation',
  contactEntry: '.sp-contact-entry .sp-button--primary',
  back: '.sp-back',
  article: '.sp-article',
  articleTitle: '.sp-article .sp-article__title',
  articleBody: '.sp-article__body',
  banner: '.sp-status-live .sp-banner:not(.sp-banner--resolved)',
  statusView: '.sp-status-view',
  contact: '.sp-contact',
  topic: '.sp-contact [name="topic"]',
  subject: '.sp-contact [name="subject"]',
  message: '.sp-contact [name="message"]',
  email: '.sp-contact [name="email"]',
  send: '.sp-contact button[type="submit"]',
  invalid: '.sp-contact [aria-invalid="true"]',
  fieldError: '.sp-contact .sp-field__error:not(:empty)',
  confirmation: '.sp-contact__status .sp-banner--resolved',
  requests: '.sp-requests',
  thread: '.sp-thread',
};

/** A CSS selector for a part of the widget (see WIDGET_PARTS), independent of the interface language. */
export function widgetPart(name) {
  if (!(name in WIDGET_PARTS)) throw new Error(`no widget part "${name}"`);
  return `signpost-widget ${WIDGET_PARTS[name]}`;
}

/**
 * `Signpost('setLocale', tag)` on a page whose widget runs; resolves once the interface speaks `tag` (the
 * `.sp-root`'s `lang`) and the help content for it (`GET /v1/site`) has arrived.
 */
export async function setWidgetLocale(page, tag) {
  const current = await page.evaluate(
    () => document.querySelector('signpost-widget')?.shadowRoot?.querySelector('.sp-root')?.getAttribute('lang'),
  );
  if (current === tag) return;
  const site = page.waitForResponse((r) => new URL(r.url()).pathname === '/v1/site', { timeout: 10_000 });
  await page.evaluate((t) => window.Signpost('setLocale', t), tag);
  await page.locator(`signpost-widget .sp-root[lang="${tag}"]`).waitFor({ state: 'attached' });
  await (await site).finished();
  await widgetSettled(page); // the catalog read and its rules run again: painted by then
}

/** Resolves once the widget's animations have finished and the page has painted twice since. */
export async function widgetSettled(page) {
  await page.waitForFunction(
    () => (document.querySelector('signpost-widget')?.shadowRoot?.getAnimations() ?? []).every(
      (a) => a.playState !== 'running' && a.playState !== 'pending',
    ),
    null,
    { timeout: 5_000 },
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}
