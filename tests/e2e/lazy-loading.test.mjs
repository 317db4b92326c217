// The loader must not slow the host page down: the wasm is fetched on the first interaction (data-load=
// "interaction") or once the page has loaded (default idle mode), and a page embedding it twice gets one widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Widget, describeErrors, newPage, setup, sleep } from './harness.mjs';

const env = setup();
const WASM = /\.wasm(\?|$)/;
/** The main module; opening the panel also fetches the contact form's module (see split-chunks.test.mjs). */
const MAIN_WASM = /\/signpost_bg\.wasm(\?|$)/;
const WIDGET_ASSETS = /\/widget\/[^/]+\/(signpost\.js|signpost_bg\.wasm|widget\.css)(\?|$)/;

test('with data-load="interaction" nothing is fetched until the user reaches for help', async () => {
  const { page, record, requested, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    await page.goto(`${env.pages.url}/lazy-interaction.html`, { waitUntil: 'load' });
    await sleep(1500);
    assert.deepEqual(requested(WASM).map((r) => r.url), [], 'no wasm before any interaction');
    assert.deepEqual(requested(WIDGET_ASSETS).map((r) => r.url), [], 'no widget assets before any interaction');
    assert.ok(await widget.launcher().isVisible(), 'the launcher shows without the wasm');

    const wasm = page.waitForRequest(WASM);
    await widget.launcher().click();
    const request = await wasm;
    assert.ok(request.url().startsWith(`${env.desk.url}/widget/`), `wasm comes from the desk: ${request.url()}`);
    await widget.panel().waitFor({ state: 'visible' });
    assert.ok(await widget.focusIsInPanel(), 'focus moved into the panel');
    assert.equal(requested(MAIN_WASM).length, 1, 'the main module is fetched once');
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
