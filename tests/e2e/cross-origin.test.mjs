// The usual embedding: the marketplace's page on its own origin (the static server), the widget from the desk on
// another origin, allowed by the page's CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Widget, describeErrors, newPage, setup } from './harness.mjs';

const env = setup();

test('a page on another origin loads the widget from the desk, opens and closes it', async () => {
  const { page, record, requested, cspViolations, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    const pageOrigin = new URL(env.pages.url).origin;
    const deskOrigin = new URL(env.desk.url).origin;
    assert.notEqual(pageOrigin, deskOrigin, 'the test really is cross-origin');

    // On load the page asks the desk, across origins, whether there is anything to show.
    const noticesResponse = page.waitForResponse(/\/v1\/notices\?/);
    await page.goto(`${env.pages.url}/cross-origin.html`, { waitUntil: 'load' });
    const notices = await noticesResponse;
    assert.equal(new URL(notices.url()).origin, deskOrigin);
    assert.equal(notices.status(), 200);
    assert.equal(notices.headers()['access-control-allow-origin'], '*');

    // The user reaches for help: the widget comes from the desk.
    const wasmResponse = page.waitForResponse(/\.wasm(\?|$)/);
    await widget.ready();
    const wasm = await wasmResponse;
    assert.equal(new URL(wasm.url()).origin, deskOrigin, `wasm fetched from the desk: ${wasm.url()}`);
    assert.equal(wasm.status(), 200);
    assert.equal(wasm.headers()['access-control-allow-origin'], '*');
    await page.waitForFunction(() => window.__ready === true);

    for (const asset of [/\/signpost\.js$/, /\/signpost_bg\.wasm$/, /\/widget\.css$/]) {
      const hits = requested(asset);
      assert.equal(hits.length, 1, `${asset} requested once`);
      assert.equal(new URL(hits[0].url).origin, deskOrigin, `${asset} from the desk`);
    }

    await widget.open();
    assert.ok(await widget.focusIsInPanel(), 'focus moved into the panel');
    await widget.closeButton().click();
    await widget.panel().waitFor({ state: 'hidden' });
    assert.equal(await widget.focusedClass(), 'sp-launcher');

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
