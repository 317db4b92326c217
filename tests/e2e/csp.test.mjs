// The demo pages run under the strictest CSP we promise marketplaces (default-src 'self', no inline script or
// style, only 'wasm-unsafe-eval'). Loading, opening and closing the widget must not trip it anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PAGES, Widget, describeErrors, newPage, setup } from './harness.mjs';

const env = setup();

for (const name of DEMO_PAGES) {
  test(`/demo/${name}: no CSP violation or page error on load, open and close`, async () => {
    const { page, record, cspViolations, close } = await newPage(env.browser);
    const widget = new Widget(page);
    try {
      const response = await page.goto(`${env.desk.url}/demo/${name}`, { waitUntil: 'load' });
      const csp = response.headers()['content-security-policy'] ?? '';
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/, 'the page is served under the strict CSP');
      assert.match(csp, /style-src 'self';/);

      await widget.ready(); // idle loading: the wasm, glue and CSS have arrived and run
      assert.deepEqual(await cspViolations(), [], 'after load');

      await widget.open();
      assert.deepEqual(await cspViolations(), [], 'after open');
      // The widget's stylesheet applied (a blocked stylesheet would leave the panel unstyled).
      const look = await widget.panelElement().evaluate((el) => ({
        position: getComputedStyle(el).position,
        width: el.getBoundingClientRect().width,
      }));
      assert.deepEqual(look, { position: 'fixed', width: 380 });

      await widget.closeButton().click();
      await widget.panel().waitFor({ state: 'hidden' });
      await widget.open();
      await page.keyboard.press('Escape');
      await widget.panel().waitFor({ state: 'hidden' });

      assert.deepEqual(await cspViolations(), [], 'after close');
      assert.deepEqual(record.errors, [], describeErrors(record.errors));
      const consoleErrors = record.console.filter((m) => m.type === 'error');
      assert.deepEqual(consoleErrors, [], 'no console errors');
    } finally {
      await close();
    }
  });
}
