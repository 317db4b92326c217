// The demo checkout page on the desk's origin: a user opens help with the launcher and closes it again with
// Escape or the close button, and keyboard focus goes where they expect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Widget, describeErrors, newPage, setup } from './harness.mjs';

const env = setup();

async function openCheckout() {
  const session = await newPage(env.browser);
  await session.page.goto(`${env.desk.url}/demo/checkout`);
  return { ...session, widget: new Widget(session.page) };
}

test('the launcher shows on the checkout page and opens the help panel with focus inside it', async () => {
  const { page, widget, record, close } = await openCheckout();
  try {
    await widget.launcher().waitFor({ state: 'visible' });
    assert.equal(await widget.panel().count(), 0, 'the panel is closed at first');

    await widget.open();
    assert.ok(await widget.panel().isVisible(), 'the dialog is visible');
    assert.ok(await widget.focusIsInPanel(), `focus is in the panel (focused: "${await widget.focusedClass()}")`);
    assert.equal(await widget.launcher().getAttribute('aria-expanded'), 'true');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('Escape closes the panel and puts focus back on the launcher', async () => {
  const { page, widget, record, close } = await openCheckout();
  try {
    await widget.open();
    await page.keyboard.press('Escape');
    await widget.panel().waitFor({ state: 'hidden' });
    assert.equal(await widget.focusedClass(), 'sp-launcher');
    assert.equal(await widget.launcher().getAttribute('aria-expanded'), 'false');

    // And it opens again from the keyboard.
    await page.keyboard.press('Enter');
    await widget.panel().waitFor({ state: 'visible' });
    assert.ok(await widget.focusIsInPanel());
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('the close button closes the panel and puts focus back on the launcher', async () => {
  const { widget, record, close } = await openCheckout();
  try {
    await widget.open();
    await widget.closeButton().click();
    await widget.panel().waitFor({ state: 'hidden' });
    assert.equal(await widget.focusedClass(), 'sp-launcher');
    assert.ok(await widget.launcher().isVisible(), 'the launcher is still there');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
