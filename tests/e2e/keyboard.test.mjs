// Keyboard only: a user who never touches the mouse reaches the launcher from the page, searches, reads an article,
// opens "Why am I seeing this?", files a request, follows its thread and closes the panel, always knowing where
// focus is: after every step focus is where they can carry on, and every element they land on shows a visible
// focus indicator (an outline or ring with at least 3:1 contrast against what it is drawn on, or Chromium's own
// focus ring). The home view's tab order follows its reading order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AGENT_TOKEN, TICKET_DESK_ARGS, Widget, describeErrors, newPage, runCli, setWidgetLocale, setup, widgetPart,
  widgetSettled,
} from './harness.mjs';

const env = setup({ args: TICKET_DESK_ARGS });

/**
 * Where keyboard focus is, as seen from the page: `where` is 'panel', 'widget' (in the shadow root, outside the
 * panel: the launcher) or 'page'; `label` names the element the way the assertions below do; `ring` describes
 * its focus indicator and `indicated` says whether that indicator is visible.
 */
function focusInfo(page) {
  return page.evaluate(() => {
    const host = document.querySelector('signpost-widget');
    const outer = document.activeElement;
    const inWidget = Boolean(host) && outer === host;
    const el = inWidget ? host.shadowRoot.activeElement : outer;
    if (!el) return { where: 'page', label: '(nothing)', tag: '', ring: null, indicated: false };
    const panel = host?.shadowRoot?.querySelector('.sp-panel');
    const where = inWidget ? (panel?.contains(el) ? 'panel' : 'widget') : 'page';

    const text = (node) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const titleOf = (node) => text(node.closest('.sp-suggestion')?.querySelector('.sp-suggestion__title'));
    const cls = el.classList;
    let label;
    if (!inWidget) label = el === document.body ? 'page body' : `page ${el.localName}`;
    else if (cls.contains('sp-launcher')) label = 'launcher';
    else if (cls.contains('sp-panel')) label = 'panel';
    else if (cls.contains('sp-panel__close')) label = 'close';
    else if (cls.contains('sp-search__input')) label = 'search';
    else if (el.closest('.sp-requests') && cls.contains('sp-suggestion__open')) label = `request: ${text(el)}`;
    else if (cls.contains('sp-suggestion__open')) label = `suggestion: ${titleOf(el)}`;
    else if (cls.contains('sp-why')) label = `why: ${titleOf(el)}`;
    else if (cls.contains('sp-back')) label = 'back';
    else if (el.closest('.sp-contact-entry')) label = cls.contains('sp-button--primary') ? 'contact support' : 'your requests';
    else if (el.matches('.sp-article__title')) label = 'article title';
    else if (el.closest('.sp-contact__status') && cls.contains('sp-link-button')) label = 'see your requests';
    else if (el.getAttribute('name')) label = `field ${el.getAttribute('name')}`;
    else if (el.matches('.sp-contact button[type="submit"]')) label = 'send request';
    else if (el.matches('.sp-thread textarea')) label = 'reply box';
    else if (el.matches('.sp-thread button[type="submit"]')) label = 'send reply';
    else label = `${el.localName}.${[...cls].join('.')} "${text(el).slice(0, 40)}"`;

    // The focus indicator and the colour it is drawn on.
    const parse = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c ?? '');
      if (!m) return null;
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const luminance = ({ r, g, b }) => {
      const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const contrast = (a, b) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
    };
    const parentOf = (n) => n.parentElement ?? (n.getRootNode() instanceof ShadowRoot ? n.getRootNode().host : null);
    // The colour showing behind `start`: its background over its ancestors' (the canvas is white).
    const backdrop = (start) => {
      const layers = [];
      for (let n = start; n; n = parentOf(n)) {
        const c = parse(getComputedStyle(n).backgroundColor);
        if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
      }
      return layers.reverse().reduce(
        (under, c) => ({ r: c.r * c.a + under.r * (1 - c.a), g: c.g * c.a + under.g * (1 - c.a), b: c.b * c.a + under.b * (1 - c.a) }),
        { r: 255, g: 255, b: 255 },
      );
    };
    const css = (c) => `rgb(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)})`;
    const cs = getComputedStyle(el);
    const width = parseFloat(cs.outlineWidth) || 0;
    const offset = parseFloat(cs.outlineOffset) || 0;
    let ring = null;
    if (cs.outlineStyle !== 'none' && width > 0) {
      // An outline drawn inside the element's border edge sits on the element's own background.
      const against = backdrop(offset + width <= 0 ? el : parentOf(el));
      ring = {
        kind: cs.outlineStyle === 'auto' ? 'auto outline' : `${cs.outlineStyle} outline`,
        width, offset, color: cs.outlineColor, against: css(against), contrast: contrast(parse(cs.outlineColor), against),
      };
    } else if (cs.boxShadow !== 'none') {
      for (const shadow of cs.boxShadow.split(/,(?![^(]*\))/)) {
        const color = parse(shadow);
        const lengths = shadow.replace(/rgba?\([^)]*\)/, '').trim().split(/\s+/).map(parseFloat);
        if (!color || /inset/.test(shadow) || !(lengths[3] > 0)) continue;
        const against = backdrop(parentOf(el));
        ring = { kind: 'box-shadow ring', width: lengths[3], color: css(color), against: css(against), contrast: contrast(color, against) };
        break;
      }
    }
    // Chromium draws `outline-style: auto` as a two-tone ring, visible on any background.
    const indicated = Boolean(ring) && (ring.kind === 'auto outline' || ring.contrast >= 3);
    const box = el.getBoundingClientRect();
    return {
      where, label, tag: el.localName, focusVisible: el.matches(':focus-visible'), ring, indicated,
      box: { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) },
    };
  });
}

/** One line about a focused element's indicator, for messages. */
function describeRing(info) {
  if (!info.ring) return `${info.label}: no outline or box-shadow ring (:focus-visible ${info.focusVisible})`;
  const r = info.ring;
  return `${info.label}: ${r.kind} ${r.width}px ${r.color}${r.offset !== undefined ? ` offset ${r.offset}px` : ''} on ${r.against}, contrast ${r.contrast}:1`;
}

/**
 * Presses `key` (Tab, or Shift+Tab) until the focused element's label satisfies `wanted` (a string or a predicate
 * on the label); resolves to the focus info there. Fails, naming every stop, if it takes more than `max` presses.
 */
async function tabTo(page, wanted, { key = 'Tab', max = 30 } = {}) {
  const matches = typeof wanted === 'function' ? wanted : (label) => label === wanted;
  const stops = [];
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(key);
    const info = await focusInfo(page);
    stops.push(info.label);
    if (matches(info.label)) return info;
  }
  assert.fail(`${key} never reached ${typeof wanted === 'string' ? `"${wanted}"` : wanted} in ${max} presses; stops: ${JSON.stringify(stops)}`);
}

/** Tabs from the page (focus starting at the top) to the launcher; resolves to the focus info there. */
async function tabToLauncher(page) {
  await new Widget(page).ready(); // the widget runs
  return tabTo(page, 'launcher', { max: 80 });
}

/**
 * The home view's focusable controls in reading order: by position in the panel (content scrolled out of view
 * counted where it is in the content), top to bottom, then in the direction of the text.
 */
function readingOrder(page) {
  return page.evaluate(() => {
    const root = document.querySelector('signpost-widget').shadowRoot;
    const panel = root.querySelector('.sp-panel');
    const body = panel.querySelector('.sp-panel__body');
    const rtl = getComputedStyle(panel).direction === 'rtl';
    const text = (node) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const titleOf = (el) => text(el.closest('.sp-suggestion')?.querySelector('.sp-suggestion__title'));
    const label = (el) => {
      if (el.matches('.sp-panel__close')) return 'close';
      if (el.matches('.sp-search__input')) return 'search';
      if (el.matches('.sp-suggestion__open')) return `suggestion: ${titleOf(el)}`;
      if (el.matches('.sp-why')) return `why: ${titleOf(el)}`;
      if (el.closest('.sp-contact-entry')) return el.matches('.sp-button--primary') ? 'contact support' : 'your requests';
      return `${el.localName}.${[...el.classList].join('.')} "${text(el).slice(0, 40)}"`;
    };
    const focusable = [...panel.querySelectorAll('button, input, select, textarea, a[href], [tabindex]')]
      .filter((el) => el.tabIndex >= 0 && !el.disabled && el.checkVisibility());
    const place = (el) => {
      const box = el.getBoundingClientRect();
      const scrolled = body.contains(el) ? body.scrollTop : 0;
      return { top: Math.round(box.top + scrolled), start: rtl ? -box.right : box.left };
    };
    return focusable
      .map((el) => ({ label: label(el), ...place(el) }))
      .sort((a, b) => (Math.abs(a.top - b.top) > 4 ? a.top - b.top : a.start - b.start))
      .map((item) => item.label);
  });
}

for (const lang of ['en', 'ar']) {
  test(`the home view's tab order follows its reading order and every stop shows a focus indicator (${lang})`, async (t) => {
    const { page, record, close } = await newPage(env.browser);
    try {
      await page.goto(`${env.desk.url}/demo/checkout`);
      await new Widget(page).ready();
      if (lang !== 'en') await setWidgetLocale(page, lang);
      const launcher = await tabToLauncher(page);
      await page.keyboard.press('Enter');
      await page.locator(widgetPart('panel')).waitFor({ state: 'visible' });
      await page.locator(widgetPart('suggestion')).first().waitFor({ state: 'visible' });
      await widgetSettled(page);
      const opened = await focusInfo(page);
      assert.equal(opened.where, 'panel', `Enter on the launcher moves focus into the panel (focus: ${opened.label})`);

      const titles = (await page.locator(widgetPart('suggestion')).locator('.sp-suggestion__title').allTextContents())
        .map((s) => s.replace(/\s+/g, ' ').trim());
      assert.ok(titles.length > 0, 'the checkout has suggestions');
      const expectedOrder = await readingOrder(page);

      // Tab from the panel until focus leaves it.
      const stops = [];
      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press('Tab');
        await widgetSettled(page);
        const info = await focusInfo(page);
        stops.push(info);
        if (info.where !== 'panel') break;
      }
      const order = stops.map((s) => s.label);
      t.diagnostic(`tab order: ${order.join(' → ')}`);

      // The header's close button, the search box, each suggestion followed by its explanation toggle, "Contact
      // support"; then out of the panel to the launcher below it (the panel is not modal).
      assert.deepEqual(order, [
        'close', 'search', ...titles.flatMap((title) => [`suggestion: ${title}`, `why: ${title}`]), 'contact support', 'launcher',
      ], 'the home view\'s tab order');
      assert.deepEqual(order.slice(0, -1), expectedOrder, 'tab order follows the reading order of the panel');

      const missing = [launcher, ...stops].filter((s) => !s.indicated || !s.focusVisible);
      assert.deepEqual(
        missing.map(describeRing), [],
        `every element reached with Tab shows a focus indicator with 3:1 contrast; these do not:\n${missing.map(describeRing).join('\n')}`,
      );
      assert.deepEqual(record.errors, [], describeErrors(record.errors));
    } finally {
      await close();
    }
  });
}

test('a keyboard-only user searches, reads, opens an explanation, files a request, follows its thread and closes the panel', async (t) => {
  const { page, record, close } = await newPage(env.browser);
  const part = (name) => page.locator(widgetPart(name));
  /** Problems a keyboard user meets on the way, reported together at the end so one run shows them all. */
  const problems = [];
  const at = async (step, { where = 'panel', label } = {}) => {
    await widgetSettled(page);
    const info = await focusInfo(page);
    t.diagnostic(`${step}: focus on ${info.label} (${info.where})`);
    if (where && info.where !== where) {
      problems.push(`${step}: focus should be in the ${where}, but is on ${info.label} (${info.where})`);
    } else if (label && !(typeof label === 'function' ? label(info.label) : info.label === label)) {
      problems.push(`${step}: focus should be on ${typeof label === 'string' ? label : 'the expected element'}, but is on ${info.label}`);
    }
    return info;
  };
  const indicated = (step, info) => {
    if (!info.focusVisible || !info.indicated) problems.push(`${step}: no visible focus indicator — ${describeRing(info)}`);
  };
  try {
    await page.goto(`${env.desk.url}/demo/order`);

    // From the page to the launcher, and into the panel.
    const launcher = await tabToLauncher(page);
    indicated('launcher', launcher);
    await page.keyboard.press('Enter');
    await part('panel').waitFor({ state: 'visible' });
    assert.equal(await part('launcher').getAttribute('aria-expanded'), 'true');
    await at('panel opened', { where: 'panel' });

    // Search: type, ArrowDown, Enter.
    indicated('search box', await tabTo(page, 'search', { max: 5 }));
    await page.keyboard.type('refund', { delay: 20 });
    await part('result').first().waitFor({ state: 'visible' });
    const firstTitle = (await part('result').first().locator('.sp-result__title').textContent()).trim();
    await page.keyboard.press('ArrowDown');
    assert.equal(await part('search').getAttribute('aria-activedescendant'), 'sp-result-0', 'ArrowDown makes the first result active');
    assert.equal(await part('result').first().getAttribute('aria-selected'), 'true');
    await at('first result active', { label: 'search' });
    await page.keyboard.press('Enter');
    await part('articleTitle').waitFor({ state: 'visible' });
    assert.equal((await part('articleTitle').textContent()).trim(), firstTitle, 'Enter opens the active result');
    await at('article opened', { label: 'article title' });

    // Back (just before the title), to the search as it was left.
    indicated('back', await tabTo(page, 'back', { key: 'Shift+Tab', max: 3 }));
    await page.keyboard.press('Enter');
    await part('search').waitFor({ state: 'visible' });
    await at('back home', { label: 'search' });
    assert.equal(await part('search').inputValue(), 'refund', 'the query is kept');
    await page.keyboard.press('Escape');
    assert.equal(await part('search').inputValue(), '', 'Escape in the search box clears it');
    assert.ok(await part('panel').isVisible(), 'the first Escape only clears the search');

    // "Why am I seeing this?": Enter opens the explanation, Space closes it, Space opens it again.
    const why = await tabTo(page, (label) => label.startsWith('why: '), { max: 6 });
    indicated('why am I seeing this', why);
    const toggle = part('why').first();
    const explanation = part('panel').locator(`[id="${await toggle.getAttribute('aria-controls')}"]`)
      .filter({ has: page.locator('.sp-explanation__reason') }); // its reasons come with a module fetched on first use
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true', 'Enter expands the explanation');
    await explanation.waitFor({ state: 'visible' });
    assert.ok((await explanation.textContent()).trim().length > 0, 'the explanation says something');
    await at('explanation opened', { label: why.label });
    await page.keyboard.press('Space');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'Space collapses it');
    await explanation.waitFor({ state: 'hidden' });
    await page.keyboard.press('Space');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true', 'Space expands it again');
    await explanation.waitFor({ state: 'visible' });

    // Contact support, filled in and sent from the keyboard.
    indicated('contact support', await tabTo(page, 'contact support', { max: 20 }));
    await page.keyboard.press('Enter');
    await part('send').waitFor({ state: 'visible' });
    await at('contact form opened', { where: 'panel' });
    indicated('topic', await tabTo(page, 'field topic', { max: 5 }));
    await page.keyboard.type('Refunds'); // a closed <select> picks the option whose label starts so
    assert.equal(await part('topic').inputValue(), 'refund', 'typing chooses the topic');
    const fields = [['field subject', 'Refund for A-1043'], ['field message', 'I sent the throw back a week ago.'], ['field email', 'lena@example.com']];
    for (const [label, value] of fields) {
      await page.keyboard.press('Tab');
      const info = await focusInfo(page);
      assert.equal(info.label, label, 'Tab goes topic → subject → message → email');
      indicated(label, info);
      await page.keyboard.type(value);
    }
    // Then one stop per "what we'll send" checkbox, each with its indicator, and the send button.
    let send;
    for (let i = 0; i < 10 && !send; i += 1) {
      await page.keyboard.press('Tab');
      const info = await focusInfo(page);
      if (info.label === 'send request') send = info;
      else {
        assert.match(info.label, /^field send-/, 'between the email and the send button only the consent checkboxes');
        indicated(info.label, info);
      }
    }
    assert.ok(send, 'Tab reaches "Send request"');
    indicated('send request', send);
    await page.keyboard.press('Enter');
    await part('confirmation').waitFor({ state: 'visible', timeout: 10_000 });
    const id = (await part('confirmation').locator('.sp-banner__title').textContent()).match(/SP-\d+/)?.[0];
    assert.ok(id, 'the confirmation names the request');
    await at('request sent', { where: 'panel' });

    // "Your requests" → the thread (Tab goes round the page and back in if focus was lost).
    indicated('see your requests', await tabTo(page, 'see your requests', { max: 80 }));
    await page.keyboard.press('Enter');
    await part('requests').waitFor({ state: 'visible' });
    await at('your requests opened', { where: 'panel' });
    const item = await tabTo(page, (label) => label.startsWith('request: ') && label.includes(id), { max: 80 });
    indicated('request in the list', item);
    await page.keyboard.press('Enter');
    await part('thread').locator('.sp-thread__meta', { hasText: id }).waitFor({ state: 'visible' });
    await at('thread opened', { where: 'panel' });

    // The agent answers; the open thread shows it.
    await runCli(env.desk, AGENT_TOKEN, 'tickets', 'reply', id, 'We have refunded your order.');
    await part('thread').locator('.sp-message--agent .sp-message__body', { hasText: 'We have refunded your order.' })
      .waitFor({ state: 'visible', timeout: 5_000 });

    // The user answers from the keyboard.
    indicated('reply box', await tabTo(page, 'reply box', { max: 80 }));
    await page.keyboard.type('Thank you!');
    indicated('send reply', await tabTo(page, 'send reply', { max: 3 }));
    await page.keyboard.press('Enter');
    await part('thread').locator('.sp-message--user .sp-message__body', { hasText: 'Thank you!' }).waitFor({ state: 'visible' });
    const afterReply = await at('reply sent', { where: 'panel' });
    if (afterReply.where !== 'panel') await tabTo(page, 'reply box', { max: 80 }); // to carry on, as a user would

    // Escape closes the panel and gives focus back to the launcher.
    await page.keyboard.press('Escape');
    await part('panel').waitFor({ state: 'hidden' });
    assert.equal(await part('launcher').getAttribute('aria-expanded'), 'false');
    const back = await focusInfo(page);
    assert.equal(back.label, 'launcher', `Escape returns focus to the launcher (focus: ${back.label})`);
    indicated('launcher after Escape', back);

    assert.deepEqual(problems, [], `keyboard focus problems on the way:\n${problems.join('\n')}`);
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
