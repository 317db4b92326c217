// The loader must not slow the host page down: by default a page where nobody opens the widget fetches the
// loader and asks the desk one small question ("anything to show here?"), and the widget's module comes when the
// user reaches for help; data-load="idle" preloads it once the page has loaded; a page embedding it twice gets
// one widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Widget, describeErrors, newPage, setup, sleep, until } from './harness.mjs';

const env = setup();
const WASM = /\.wasm(\?|$)/;
/** The main module; opening the panel also fetches the contact form's module (see split-chunks.test.mjs). */
const MAIN_WASM = /\/signpost_bg\.wasm(\?|$)/;
const WIDGET_ASSETS = /\/widget\/[^/]+\/(signpost\.js|signpost_bg\.wasm|widget\.css)(\?|$)/;
const NOTICES = /\/v1\/notices\?/;

test('a page where nobody opens the widget fetches the loader and one small answer, and no wasm', async () => {
  const { page, record, requested, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    const notices = page.waitForResponse(NOTICES);
    await page.goto(`${env.pages.url}/lazy-intent.html`, { waitUntil: 'load' });
    const answer = await notices;
    assert.equal(answer.url(), `${env.desk.url}/v1/notices?surface=checkout`);
    assert.deepEqual(await answer.json(), { show: false, status: null }, 'nothing to show on a quiet day');
    await page.waitForLoadState('networkidle');
    assert.deepEqual(requested(WASM).map((r) => r.url), [], 'no wasm before the user reaches for help');
    assert.deepEqual(requested(WIDGET_ASSETS).map((r) => r.url), [], 'no widget assets either');
    assert.deepEqual(
      requested(/\/(widget|v1)\//).map((r) => new URL(r.url).pathname),
      ['/widget/loader.js', '/v1/notices'],
      'the page paid for the loader and the one question',
    );
    assert.ok(await widget.launcher().isVisible(), 'the launcher shows without the wasm');

    // Pointing at the launcher starts the fetch; the click opens the panel.
    const wasm = page.waitForRequest(WASM);
    await widget.launcher().hover();
    const request = await wasm;
    assert.ok(request.url().startsWith(`${env.desk.url}/widget/`), `wasm comes from the desk: ${request.url()}`);
    await widget.launcher().click();
    await widget.panel().waitFor({ state: 'visible' });
    assert.ok(await widget.focusIsInPanel(), 'focus moved into the panel');
    assert.equal(requested(MAIN_WASM).length, 1, 'the main module is fetched once');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('a click whose press began before the widget arrived still opens the panel', async () => {
  const { page, record, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    // The module is held back until the user's press is under way, as on a slow network.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(MAIN_WASM, async (route) => { await held; await route.continue(); });
    await page.goto(`${env.pages.url}/lazy-intent.html`, { waitUntil: 'load' });
    const box = await widget.launcher().boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    const arrived = page.waitForEvent('requestfinished', (r) => MAIN_WASM.test(r.url()));
    release();
    await arrived;
    // Give the module time to start while the button is still held: two idle periods of the page.
    await page.evaluate(async () => {
      for (let i = 0; i < 2; i++) await new Promise((done) => requestIdleCallback(done, { timeout: 5000 }));
    });
    await page.mouse.up();
    await widget.panel().waitFor({ state: 'visible' });
    assert.ok(await widget.focusIsInPanel(), 'focus moved into the panel');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('commands that only set things wait; a command that shows something loads the widget', async () => {
  const { page, record, requested, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    const notices = page.waitForResponse(NOTICES);
    await page.goto(`${env.pages.url}/lazy-intent.html`, { waitUntil: 'load' });
    await notices;
    await page.evaluate(() => {
      window.Signpost('setContext', { order: { status: 'late' } });
      window.Signpost('setLocale', 'es');
      window.Signpost('close');
    });
    await page.waitForLoadState('networkidle');
    assert.deepEqual(requested(WASM).map((r) => r.url), [], 'setContext, setLocale and close load nothing');

    await page.evaluate(() => window.Signpost('search', 'reembolso'));
    await widget.panelElement().waitFor({ state: 'visible' });
    // The queued locale reached the widget before the search ran.
    await page.locator('signpost-widget input[type="search"]').waitFor();
    assert.equal(await page.locator('signpost-widget input[type="search"]').inputValue(), 'reembolso');
    // Spanish once its messages, fetched on their own, have arrived.
    const root = page.locator('signpost-widget .sp-root');
    await until(async () => (await root.getAttribute('lang')) === 'es', 'the interface in Spanish');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('with the default idle loading the wasm is requested only after the load event', async () => {
  const { page, record, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    const wasm = page.waitForRequest(WASM, { timeout: 10_000 });
    await page.goto(`${env.pages.url}/idle-slow.html`, { waitUntil: 'load' });
    await wasm;
    await widget.ready();
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const resources = performance.getEntriesByType('resource');
      const find = (re) => resources.find((r) => re.test(r.name));
      return {
        loadEventStart: nav.loadEventStart,
        loadEventEnd: nav.loadEventEnd,
        loader: find(/\/widget\/loader\.js/)?.responseEnd,
        wasm: resources.filter((r) => /\.wasm$/.test(r.name)).map((r) => r.startTime),
      };
    });
    // The slow image holds the load event back, while the loader itself has already arrived: so a loader that
    // fetched at once would be caught.
    assert.ok(timing.loadEventStart > 1000, `the load event was held back (${timing.loadEventStart} ms)`);
    assert.ok(timing.loader < timing.loadEventStart, 'the loader arrived before the load event');
    assert.equal(timing.wasm.length, 1, 'the wasm was fetched once');
    assert.ok(
      timing.wasm[0] >= timing.loadEventEnd,
      `wasm requested at ${timing.wasm[0]} ms, before the load event ended at ${timing.loadEventEnd} ms`,
    );
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('loading the loader script more than once creates exactly one widget', async () => {
  const { page, record, requested, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    await page.goto(`${env.pages.url}/double-loader.html`, { waitUntil: 'load' });
    await widget.ready();
    await sleep(300);
    assert.equal(await widget.hostCount(), 1, 'one <signpost-widget>');
    assert.equal(await widget.launcher().count(), 1, 'one launcher');
    await widget.open();
    assert.equal(await widget.panel().count(), 1, 'one panel');
    assert.equal(requested(MAIN_WASM).length, 1, 'the main module is fetched once');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('a widget shut down before the page has loaded fetches nothing', async () => {
  const { page, requested, record, close } = await newPage(env.browser);
  try {
    await page.goto(`${env.pages.url}/idle-slow.html`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.Signpost && window.Signpost.loaded);
    await page.evaluate(() => window.Signpost('shutdown'));
    await page.waitForLoadState('load');
    await sleep(1500);
    assert.deepEqual(requested(WIDGET_ASSETS).map((r) => r.url), [], 'no widget assets fetched');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
