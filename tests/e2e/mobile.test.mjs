// Phones: at 375×667 and 320×568 (touch, 2× pixels), in English and in Arabic, the open panel covers the whole
// screen; the text fields are at least 16 px (so iOS does not zoom in when they get focus); every control in the
// home view, an article and the contact form is a touch target of at least 44×44 CSS px; and with the on-screen
// keyboard open (emulated: the viewport made shorter, see `openKeyboard`) the field being typed in stays in sight.
// Screenshots go to docs/screenshots/mobile-<width>-<lang>-<view>.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  SCREENSHOTS_DIR, Widget, describeErrors, newPage, setWidgetLocale, setup, widgetPart, widgetSettled,
} from './harness.mjs';

const env = setup();

const PHONES = [{ width: 375, height: 667 }, { width: 320, height: 568 }];
/** A query that finds help articles for a buyer in each language. */
const QUERIES = { en: 'refund', ar: 'استرداد' };
/** WCAG 2.5.5 (Target Size): 44 × 44 CSS px. */
const MIN_TARGET = 44;
/** iOS zooms the page into any text field whose font is smaller than this. */
const MIN_FIELD_FONT = 16;

async function shoot(page, file) {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await widgetSettled(page);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, file), animations: 'disabled', caret: 'hide' });
}

/**
 * Every control a user can touch in the panel's current view, with its touch target: the element's box, or for a
 * checkbox or radio button its `<label>`'s (tapping the label toggles it). Links inside a sentence of an article
 * are left out: WCAG 2.5.5 exempts targets in a sentence or block of text. Returns `{ targets, inline }`.
 */
function touchTargets(page) {
  return page.evaluate(() => {
    const root = document.querySelector('signpost-widget').shadowRoot;
    const panel = root.querySelector('.sp-panel');
    const text = (node) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const describe = (el) => {
      const id = el.getAttribute('name') ? `[name="${el.getAttribute('name')}"]` : '';
      const classes = [...el.classList].map((c) => `.${c}`).join('');
      const view = el.closest('.sp-article, .sp-contact, .sp-requests, .sp-thread, .sp-status-view')?.classList[0] ?? 'home';
      return `${el.localName}${classes}${id} "${(el.getAttribute('aria-label') || text(el)).slice(0, 40)}" (${view})`;
    };
    const controls = [...panel.querySelectorAll(
      'button, a[href], input:not([type="hidden"]), select, textarea, [role="option"], [role="button"], [tabindex]:not([tabindex="-1"])',
    )].filter((el) => el.checkVisibility() && !el.closest('[hidden]'));
    const targets = [];
    const inline = [];
    for (const el of controls) {
      if (el.matches('.sp-article__body a')) {
        const block = el.closest('p, li, td, th, dd');
        if (block && text(block).length > text(el).length) {
          inline.push(describe(el));
          continue;
        }
      }
      const target = el.matches('input[type="checkbox"], input[type="radio"]') ? (el.closest('label') ?? el) : el;
      const box = target.getBoundingClientRect();
      targets.push({ what: describe(el), width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10 });
    }
    return { targets, inline };
  });
}

/** Records each control smaller than 44×44 in `problems`; fails at once if the view had no controls at all. */
async function checkTargets(page, view, problems, t) {
  const { targets, inline } = await touchTargets(page);
  assert.ok(targets.length > 0, `no controls found in the ${view}`);
  if (inline.length) t.diagnostic(`${view}: links in running text, exempt from the size rule: ${inline.join('; ')}`);
  for (const target of targets) {
    if (target.width < MIN_TARGET || target.height < MIN_TARGET) {
      problems.push(`${view}: ${target.what} is ${target.width}×${target.height} px (needs ${MIN_TARGET}×${MIN_TARGET})`);
    }
  }
}

/** The panel's box and the visual viewport, in CSS px of the layout viewport. */
function geometry(page) {
  return page.evaluate(() => {
    const panel = document.querySelector('signpost-widget').shadowRoot.querySelector('.sp-panel').getBoundingClientRect();
    const vv = window.visualViewport;
    return {
      panel: { x: panel.x, y: panel.y, width: panel.width, height: panel.height },
      viewport: { top: vv.offsetTop, left: vv.offsetLeft, width: vv.width, height: vv.height },
      layoutHeight: window.innerHeight,
    };
  });
}

/**
 * Emulates the on-screen keyboard. Chromium cannot open a real one, so the viewport is made `keyboard` px shorter.
 * `mode: 'resize'` shrinks the whole viewport with the DevTools protocol's `Emulation.setDeviceMetricsOverride`
 * (the screen keeps its height), as Android does for pages that ask it to resize their content. `mode: 'visual'`
 * shrinks only the visual viewport, as iOS Safari and Chrome for Android (by default) do: the layout viewport keeps
 * its height and `window.visualViewport.height` drops. The protocol has no call for that alone, so a page scale
 * (`Emulation.setPageScaleFactor`) is used, which shrinks the visual viewport's height by the same amount (and
 * its width too, which the checks below ignore). Resolves to a function that closes the keyboard again.
 */
async function openKeyboard(page, phone, keyboard, mode) {
  const cdp = await page.context().newCDPSession(page);
  const metrics = { width: phone.width, deviceScaleFactor: 2, mobile: true, screenWidth: phone.width, screenHeight: phone.height };
  if (mode === 'resize') {
    await cdp.send('Emulation.setDeviceMetricsOverride', { ...metrics, height: phone.height - keyboard });
  } else {
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: phone.height / (phone.height - keyboard) });
  }
  await page.waitForFunction((h) => Math.abs(window.visualViewport.height - h) < 1, phone.height - keyboard);
  return async () => {
    if (mode === 'resize') await cdp.send('Emulation.setDeviceMetricsOverride', { ...metrics, height: phone.height });
    else await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1 });
    await page.waitForFunction((h) => Math.abs(window.visualViewport.height - h) < 1, phone.height);
    await cdp.detach();
  };
}

/**
 * Focuses the contact form's field `name` and checks it is in sight: inside the visual viewport (above the
 * keyboard), inside the panel's visible part, and not covered by anything (the element at its centre is itself).
 */
async function checkFieldInSight(page, name, when, problems) {
  const field = page.locator(widgetPart(name));
  await field.focus();
  await widgetSettled(page);
  const seen = await field.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const vv = window.visualViewport;
    const body = el.closest('.sp-panel__body').getBoundingClientRect();
    const root = el.getRootNode();
    const hit = root.elementFromPoint(box.x + box.width / 2, Math.max(box.y, vv.offsetTop) + Math.min(box.height, 20) / 2);
    return {
      focused: root.activeElement === el,
      top: box.top, bottom: box.bottom,
      viewportTop: vv.offsetTop, viewportBottom: vv.offsetTop + vv.height,
      bodyTop: body.top, bodyBottom: body.bottom,
      covered: hit === el ? null : (hit ? `${hit.localName}.${[...hit.classList].join('.')}` : 'nothing'),
    };
  });
  const round = (n) => Math.round(n * 10) / 10;
  const where = `the ${name} field spans y ${round(seen.top)}–${round(seen.bottom)}; the visual viewport y ${round(seen.viewportTop)}–${round(seen.viewportBottom)}; the panel's scrolling body y ${round(seen.bodyTop)}–${round(seen.bodyBottom)}`;
  if (!seen.focused) problems.push(`${when}: the ${name} field did not take focus`);
  const outsideViewport = seen.bottom > seen.viewportBottom + 0.5 || seen.top < seen.viewportTop - 0.5;
  const outsideBody = seen.bottom > seen.bodyBottom + 0.5 || seen.top < seen.bodyTop - 0.5;
  if (outsideViewport || outsideBody) {
    const hiddenBy = [outsideViewport && 'the keyboard (outside the visual viewport)', outsideBody && 'the panel (outside its scrolling body)']
      .filter(Boolean).join(' and ');
    problems.push(`${when}: the focused ${name} field is partly hidden by ${hiddenBy}: ${where}`);
  }
  if (seen.covered) problems.push(`${when}: the focused ${name} field is covered by ${seen.covered}: ${where}`);
}

for (const phone of PHONES) {
  for (const lang of ['en', 'ar']) {
    test(`on a ${phone.width}×${phone.height} phone (${lang}) the panel fills the screen, controls are 44 px, fields are 16 px and stay above the keyboard`, async (t) => {
      const { page, record, close } = await newPage(env.browser, {
        viewport: phone, isMobile: true, hasTouch: true, deviceScaleFactor: 2, reducedMotion: 'reduce',
      });
      const part = (name) => page.locator(widgetPart(name));
      const problems = [];
      try {
        await page.goto(`${env.desk.url}/demo/checkout`, { waitUntil: 'load' });
        await new Widget(page).ready();
        if (lang !== 'en') await setWidgetLocale(page, lang);
        assert.equal(
          await page.locator('signpost-widget .sp-root').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr',
          'the interface reads in the language\'s direction',
        );

        // Home: the panel covers the screen.
        await part('launcher').tap();
        await part('panel').waitFor({ state: 'visible' });
        await part('suggestion').first().waitFor({ state: 'visible' });
        await widgetSettled(page);
        const { panel } = await geometry(page);
        const full = { x: 0, y: 0, width: phone.width, height: phone.height };
        assert.ok(
          Object.keys(full).every((k) => Math.abs(panel[k] - full[k]) < 0.5),
          `the open panel covers the whole ${phone.width}×${phone.height} screen; its box is ${JSON.stringify(panel)}`,
        );
        assert.equal(await part('launcher').isVisible(), false, 'the launcher gives way to the panel\'s close button');
        await shoot(page, `mobile-${phone.width}-${lang}-home.png`);
        await checkTargets(page, 'home view', problems, t);
        const searchFont = await part('search').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        if (searchFont < MIN_FIELD_FONT) problems.push(`home view: the search box's font is ${searchFont}px (needs ${MIN_FIELD_FONT})`);

        // An article.
        await part('search').tap();
        await part('search').fill(QUERIES[lang]);
        await part('result').first().waitFor({ state: 'visible' });
        await part('result').first().tap();
        await part('articleBody').waitFor({ state: 'visible' });
        await widgetSettled(page);
        await checkTargets(page, 'article view', problems, t);
        await part('back').tap();

        // The contact form.
        await part('contactEntry').tap();
        await part('send').waitFor({ state: 'visible' });
        await widgetSettled(page);
        if (phone.width === 375) await shoot(page, `mobile-${phone.width}-${lang}-contact.png`);
        await checkTargets(page, 'contact form', problems, t);
        const fonts = await part('contact').evaluate((form) =>
          [...form.querySelectorAll('input, textarea, select')]
            .filter((el) => !['checkbox', 'radio', 'hidden'].includes(el.type)) // no text to zoom into
            .map((el) => ({ name: el.getAttribute('name') ?? el.localName, size: parseFloat(getComputedStyle(el).fontSize) })));
        assert.ok(fonts.length >= 4, `the form has its fields: ${JSON.stringify(fonts)}`);
        for (const { name, size } of fonts) {
          if (size < MIN_FIELD_FONT) problems.push(`contact form: the ${name} field's font is ${size}px (needs ${MIN_FIELD_FONT})`);
        }

        // The on-screen keyboard: a typical phone keyboard with its suggestion bar takes ~43% of the screen.
        const keyboard = Math.round(phone.height * 0.43);
        for (const mode of ['visual', 'resize']) { // in this order: a page scale after a metrics override misreports the layout height
          const closeKeyboard = await openKeyboard(page, phone, keyboard, mode);
          const when = `keyboard open (${mode === 'resize' ? 'viewport resized' : 'visual viewport only'})`;
          await page.waitForFunction(() => {
            const vv = window.visualViewport;
            const box = document.querySelector('signpost-widget').shadowRoot.querySelector('.sp-panel').getBoundingClientRect();
            return box.bottom <= vv.offsetTop + vv.height + 0.5;
          }, null, { timeout: 2_000 }).catch(() => {});
          const g = await geometry(page);
          t.diagnostic(`${when}: ${JSON.stringify(g)}`);
          if (g.panel.y < g.viewport.top - 0.5 || g.panel.y + g.panel.height > g.viewport.top + g.viewport.height + 0.5) {
            problems.push(`${when}: the panel (y ${g.panel.y}–${g.panel.y + g.panel.height}) does not fit the visual viewport (y ${g.viewport.top}–${g.viewport.top + g.viewport.height}), so the keyboard covers its bottom`);
          }
          for (const name of ['message', 'email']) await checkFieldInSight(page, name, when, problems);
          await page.locator(widgetPart('message')).blur();
          await closeKeyboard();
        }

        assert.deepEqual(problems, [], `problems on a ${phone.width}×${phone.height} phone (${lang}):\n${problems.join('\n')}`);
        assert.deepEqual(record.errors, [], describeErrors(record.errors));
      } finally {
        await close();
      }
    });
  }
}
