// The page-facing API: calls queued by the stub before the loader arrives are replayed (listeners first), and the
// API's commands do what they say once the widget runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Widget, describeErrors, newPage, setup, sleep, until } from './harness.mjs';

const env = setup();

/** Opens the queue page, waits for the queued `open` to have shown the panel, and returns the session. */
async function openQueuePage() {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  await session.page.goto(`${env.pages.url}/queue.html`, { waitUntil: 'load' });
  await widget.panel().waitFor({ state: 'visible', timeout: 10_000 });
  return { ...session, widget };
}

const events = (page) => page.evaluate(() => window.__events);

test('calls queued before the loader arrives are replayed: the panel opens and listeners hear it', async () => {
  const { page, widget, record, cspViolations, close } = await openQueuePage();
  try {
    assert.equal(await page.evaluate(() => window.__opened), true, 'the queued open listener ran');
    assert.equal(await page.evaluate(() => window.__ready), true, 'the ready listener ran');
    assert.deepEqual(await events(page), ['ready', 'open'], 'ready, then open, each once');
    assert.ok(await widget.focusIsInPanel(), 'focus moved into the panel');
    assert.equal(await page.evaluate(() => typeof window.Signpost.q), 'undefined', 'the stub was replaced');
    assert.deepEqual(await cspViolations(), []);
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test("Signpost('close') and Signpost('toggle') close and open the panel and fire events", async () => {
  const { page, widget, record, close } = await openQueuePage();
  try {
    await widget.call('close');
    await widget.panel().waitFor({ state: 'hidden' });
    assert.deepEqual(await events(page), ['ready', 'open', 'close']);

    await widget.call('close'); // already closed: nothing happens, no event
    await widget.call('toggle');
    await widget.panel().waitFor({ state: 'visible' });
    await widget.call('toggle');
    await widget.panel().waitFor({ state: 'hidden' });
    assert.deepEqual(await events(page), ['ready', 'open', 'close', 'open', 'close']);
    assert.equal(await widget.launcher().getAttribute('aria-expanded'), 'false');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test("Signpost('off') removes a listener", async () => {
  const { page, widget, record, close } = await openQueuePage();
  try {
    const counts = await page.evaluate(async () => {
      const tick = () => new Promise((resolve) => setTimeout(resolve, 50));
      let kept = 0;
      let removed = 0;
      const keep = () => { kept += 1; };
      const remove = () => { removed += 1; };
      Signpost('close');
      Signpost('on', 'open', keep);
      Signpost('on', 'open', remove);
      Signpost('open');
      await tick();
      Signpost('off', 'open', remove);
      Signpost('close');
      Signpost('open');
      await tick();
      return { kept, removed };
    });
    assert.deepEqual(counts, { kept: 2, removed: 1 });
    await widget.panel().waitFor({ state: 'visible' });
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('an unknown command, or one that is not a name, logs a warning and throws nothing', async () => {
  const { page, widget, record, close } = await openQueuePage();
  try {
    const returned = await page.evaluate(() => {
      try {
        window.Signpost('frobnicate', { x: 1 });
        window.Signpost(5);
        return 'returned';
      } catch (err) {
        return `threw ${err}`;
      }
    });
    assert.equal(returned, 'returned');
    const warnings = (about) => record.console.filter((m) => m.type === 'warning' && about.test(m.text));
    await until(() => warnings(/frobnicate/).length > 0 && warnings(/"5"/).length > 0, 'both warnings');
    assert.equal(warnings(/frobnicate/).length, 1, `one warning naming the command; console: ${JSON.stringify(record.console)}`);
    assert.match(warnings(/frobnicate/)[0].text, /^Signpost: /);
    assert.match(warnings(/"5"/)[0].text, /^Signpost: "5" failed not a command name$/);
    assert.ok(await widget.panel().isVisible(), 'the widget still works');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test("Signpost('shutdown') removes the widget and the API", async () => {
  const { page, widget, record, close } = await openQueuePage();
  try {
    await widget.call('shutdown');
    assert.equal(await widget.hostCount(), 0, 'no <signpost-widget> left');
    assert.equal(await page.evaluate(() => typeof window.Signpost), 'undefined', 'window.Signpost is gone');
    assert.equal(await widget.launcher().count(), 0, 'no launcher');
    assert.equal(await widget.panel().count(), 0, 'no panel');
    await sleep(100);
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('a shutdown queued before the loader arrives leaves no widget', async () => {
  const { page, requested, record, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    await page.goto(`${env.pages.url}/queue-shutdown.html`, { waitUntil: 'load' });
    await sleep(1500);
    assert.equal(await widget.hostCount(), 0, 'no <signpost-widget>');
    assert.equal(await widget.launcher().count(), 0, 'no launcher');
    assert.deepEqual(requested(/\.wasm(\?|$)/).map((r) => r.url), [], 'no wasm fetched');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
