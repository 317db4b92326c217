// A host page that does everything it can to break an embedded widget: resets every property (and makes 1rem
// 10px), hides buttons and our element, covers the screen and the launcher's corner, is right-to-left and has a
// strict CSP. The widget must still show, take the user's click, and look exactly as it does on a plain page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Widget, describeErrors, newPage, setup } from './harness.mjs';

const env = setup();
const VIEWPORT = { width: 1280, height: 800 };

/** Loads `page` from the static server, opens the panel with a real mouse click, returns the session. */
async function openWithMouse(name) {
  const session = await newPage(env.browser, { viewport: VIEWPORT, reducedMotion: 'reduce' });
  const { page } = session;
  const widget = new Widget(page);
  await page.goto(`${env.pages.url}/${name}`, { waitUntil: 'load' });
  // Once the wasm widget has replaced the placeholder launcher, so we click the one that stays.
  await widget.ready();
  const box = await widget.launcher().boundingBox();
  assert.ok(box && box.width > 0 && box.height > 0, `the launcher has a size on ${name}: ${JSON.stringify(box)}`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const hit = await page.evaluate(([px, py]) => {
    const top = document.elementFromPoint(px, py);
    return {
      topIsHost: top === document.querySelector('signpost-widget'),
      top: top ? top.outerHTML.slice(0, 80) : null,
      under: document.elementsFromPoint(px, py).map((el) => el.id || el.localName),
    };
  }, [x, y]);
  await page.mouse.click(x, y);
  // Compared pages must show the same content: wait for the suggestions (fetched after the widget starts).
  await page.locator('signpost-widget .sp-suggestion').first().waitFor({ state: 'visible' });
  return { ...session, widget, hit, box };
}

test('on a hostile page the launcher shows on top of everything and a real click opens the panel', async () => {
  const { page, widget, hit, record, cspViolations, close } = await openWithMouse('hostile.html');
  try {
    // The page's own CSS did take effect (otherwise this test proves nothing).
    const page_ = await page.evaluate(() => ({
      pageButtonDisplay: getComputedStyle(document.querySelector('body > button')).display,
      rootFontSize: getComputedStyle(document.documentElement).fontSize,
      overlayZ: getComputedStyle(document.getElementById('overlay')).zIndex,
      overlayCovers: (() => {
        const r = document.getElementById('overlay').getBoundingClientRect();
        return r.x === 0 && r.y === 0 && r.width === innerWidth && r.height === innerHeight;
      })(),
    }));
    assert.deepEqual(page_, {
      pageButtonDisplay: 'none', rootFontSize: '10px', overlayZ: '2147483647', overlayCovers: true,
    });
    assert.ok(
      hit.under.includes('corner-right') || hit.under.includes('corner-left'),
      `a corner box lies under the launcher (elements at its centre: ${hit.under.join(', ')})`,
    );

    const host = await page.evaluate(() => {
      const cs = getComputedStyle(document.querySelector('signpost-widget'));
      return { display: cs.display, opacity: cs.opacity, visibility: cs.visibility };
    });
    assert.notEqual(host.display, 'none', 'the host element is displayed');
    assert.equal(host.opacity, '1', 'the host element is opaque');
    assert.equal(host.visibility, 'visible');
    assert.ok(await widget.launcher().isVisible(), 'the launcher is visible');
    assert.ok(hit.topIsHost, `nothing covers the launcher; topmost at its centre: ${hit.top}`);

    await widget.panel().waitFor({ state: 'visible' });
    assert.ok(await widget.focusIsInPanel(), 'focus moved into the panel');
    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('on a hostile page the widget looks exactly as on a plain page', async () => {
  const plain = await openWithMouse('plain.html');
  const hostile = await openWithMouse('hostile.html');
  try {
    await plain.widget.panel().waitFor({ state: 'visible' });
    await hostile.widget.panel().waitFor({ state: 'visible' });
    const expected = await plain.widget.styles();
    const actual = await hostile.widget.styles();
    // Direction has its own test below (a known bug); everything else must match here.
    for (const styles of [expected, actual]) {
      for (const part of Object.values(styles)) if (part) delete part.direction;
    }
    // Sanity: the reference is the widget's real look, not an unstyled one.
    assert.equal(expected.panel.width, 380);
    assert.equal(expected.launcher['background-color'], 'rgb(29, 78, 216)');
    assert.deepEqual(actual, expected);
  } finally {
    await plain.close();
    await hostile.close();
  }
});

test('on a right-to-left host page the widget keeps its own (left-to-right) direction and place', async () => {
  const plain = await openWithMouse('plain.html');
  const hostile = await openWithMouse('hostile.html');
  try {
    const place = (session) =>
      session.page.evaluate(() => {
        const root = document.querySelector('signpost-widget').shadowRoot;
        const rect = (sel) => {
          const r = root.querySelector(sel).getBoundingClientRect();
          return { x: Math.round(r.x), y: Math.round(r.y) };
        };
        return {
          direction: getComputedStyle(root.querySelector('.sp-panel')).direction,
          launcher: rect('.sp-launcher'),
          panel: rect('.sp-panel'),
          close: rect('.sp-panel__close'),
        };
      });
    assert.deepEqual(await place(hostile), await place(plain));
  } finally {
    await plain.close();
    await hostile.close();
  }
});
