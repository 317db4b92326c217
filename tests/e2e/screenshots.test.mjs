// Screenshots of the demo pages with the help panel open, for docs/screenshots/, and the phone layout: there the
// panel takes the whole screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_PAGES, SCREENSHOTS_DIR, Widget, describeErrors, newPage, setup } from './harness.mjs';

const env = setup();

/** Opens `/demo/<name>` at `viewport` with the panel open and the pointer out of the way. */
async function openPanel(name, viewport) {
  const session = await newPage(env.browser, { viewport, reducedMotion: 'reduce' });
  const widget = new Widget(session.page);
  await session.page.goto(`${env.desk.url}/demo/${name}`, { waitUntil: 'load' });
  await widget.ready();
  await widget.open();
  await session.page.mouse.move(1, 1); // no hover highlight in the picture
  await session.page.evaluate(() => document.fonts.ready);
  return { ...session, widget };
}

async function shoot(page, file) {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  const target = path.join(SCREENSHOTS_DIR, file);
  await page.screenshot({ path: target, animations: 'disabled', caret: 'hide' });
  return target;
}

for (const name of DEMO_PAGES) {
  test(`screenshot of /demo/${name} at 1280×800 with the panel open`, async () => {
    const viewport = { width: 1280, height: 800 };
    const { page, widget, record, close } = await openPanel(name, viewport);
    try {
      const box = await widget.panel().boundingBox();
      assert.ok(box.width === 380 && box.x + box.width <= viewport.width && box.y >= 0, `panel box ${JSON.stringify(box)}`);
      await shoot(page, `${name}.png`);
      assert.deepEqual(record.errors, [], describeErrors(record.errors));
    } finally {
      await close();
    }
  });
}

test('on a phone (390×844) the panel covers the whole screen; screenshot of checkout', async () => {
  const viewport = { width: 390, height: 844 };
  const { page, widget, record, close } = await openPanel('checkout', viewport);
  try {
    const box = await widget.panel().boundingBox();
    assert.deepEqual(box, { x: 0, y: 0, width: viewport.width, height: viewport.height });
    await shoot(page, 'checkout-phone.png');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
