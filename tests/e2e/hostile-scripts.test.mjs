// A host page whose own scripts change what every script on it shares, as old libraries, tag managers and error
// trackers do: polluted prototypes (Prototype.js's `Array.prototype.toJSON` among them), a wrapped `fetch`, every
// event listener wrapped, an AMD loader, CommonJS and wasm-bindgen names as globals, and a base URL on another
// origin. The widget must work
// through all of it (suggestions, search, an article, "Why am I seeing this?", a ticket with its context) and
// leave the page's globals as the page set them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentApi, TICKET_DESK_ARGS, Widget, describeErrors, newPage, setup } from './harness.mjs';

const env = setup({ args: TICKET_DESK_ARGS });

test('on a page whose scripts change the shared globals, every part of the widget still works', async () => {
  const { page, record, cspViolations, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    await page.goto(`${env.pages.url}/hostile-scripts.html`, { waitUntil: 'load' });
    // The page's scripts did run (otherwise this test proves nothing).
    assert.equal(await page.evaluate(() => JSON.stringify({ list: [1] })), '{"list":"[1]"}');
    await widget.ready();
    await widget.open();
    // The suggestions come from the desk, then from the rules engine once it has loaded: wait for the first.
    await page.locator('signpost-widget .sp-suggestions > .sp-suggestion:not(.sp-suggestion--flow) .sp-suggestion__title')
      .first().waitFor({ state: 'visible' });
    const titles = await widget.suggestionTitles();

    const why = await widget.suggestion(titles[0]);
    await why.why.click();
    await why.explanation.waitFor({ state: 'visible' });

    await widget.search('refund');
    const results = await widget.resultTitles();
    assert.ok(results.length > 0, `"refund" finds articles: ${JSON.stringify(results)}`);
    await widget.openResult(results[0]);
    assert.equal((await widget.articleHeading().textContent()).trim(), results[0]);
    await widget.backButton().click();

    await widget.openContact();
    await widget.fillContact({
      topic: 'refund',
      message: 'I returned the parcel two weeks ago and the refund has not arrived.',
      email: 'lena@example.com',
    });
    await widget.sendRequestButton().click();
    const id = await widget.waitForSent();
    const stored = await new AgentApi(env.desk.url).ticket(id);
    assert.equal(stored.context.surface, 'checkout');
    assert.ok(
      Array.isArray(stored.context.suggestions_shown) && stored.context.suggestions_shown.length > 0,
      `the suggestions went along as a list: ${JSON.stringify(stored.context)}`,
    );

    const globals = await page.evaluate(() => ({
      define: typeof window.define,
      amd: typeof window.define.amd,
      exports: window.module.exports === window.exports && Object.keys(window.exports).length,
      wasmBindgen: window.wasm_bindgen,
      init: window.__wbg_init,
      toJSON: typeof Array.prototype.toJSON,
      flag: {}.hostFlag,
    }));
    assert.deepEqual(globals, {
      define: 'function',
      amd: 'object',
      exports: 0,
      wasmBindgen: 'host',
      init: 'host',
      toJSON: 'function',
      flag: 'host',
    }, 'the page\'s globals are as the page set them');
    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
