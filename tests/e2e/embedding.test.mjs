// What a marketplace's engineers set when they embed the widget: theme colour (made readable), position and
// offsets (on the script tag or for the whole site in content/embed.toml), a hidden launcher opened from the page's own button, a z-index instead of the top layer, a dark
// scheme, no storage at all, the `status:changed` event, and a verified identity that follows the user to
// another device.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AGENT_TOKEN, AgentApi, ROOT, TICKET_DESK_ARGS, Widget, describeErrors, newPage, runCli, setup, sleep, startDesk,
  startStaticServer, storedJson, until,
} from './harness.mjs';

const IDENTITY_SECRET = 'e2e-identity-secret-0123456789abcdef';
const env = setup({ args: [...TICKET_DESK_ARGS, '--identity-secret', IDENTITY_SECRET] });

/** Opens the embed test page with these data- attributes on the script tag. */
async function embedded(options = {}, contextOptions = {}) {
  const opened = await newPage(env.browser, contextOptions);
  const query = new URLSearchParams(options).toString();
  await opened.page.goto(`${env.pages.url}/embed.html?${query}`);
  return { ...opened, widget: new Widget(opened.page) };
}

/** WCAG contrast ratio of two `rgb(…)` / `#rrggbb` colours. */
function contrast(a, b) {
  const channels = (color) => (color.startsWith('#')
    ? [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16))
    : color.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number));
  const luminance = (color) => channels(color)
    .map((c) => c / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const launcherColours = (page) => page.evaluate(() => {
  const button = document.querySelector('signpost-widget').shadowRoot.querySelector('.sp-launcher');
  const style = getComputedStyle(button);
  return { background: style.backgroundColor, text: style.color };
});

test('a theme colour too light for white text is darkened to 4.5:1, with a console warning', async () => {
  const { page, widget, record, close } = await embedded({ color: '#ffcc00' });
  try {
    await widget.launcher().waitFor();
    const placeholder = await launcherColours(page);
    assert.ok(contrast(placeholder.background, placeholder.text) >= 4.5,
      `before the widget loads: ${JSON.stringify(placeholder)} has ${contrast(placeholder.background, placeholder.text).toFixed(2)}:1`);
    assert.notEqual(placeholder.background, 'rgb(29, 78, 216)', 'the site colour is used, not the default blue');
    await widget.ready();
    await widget.open();
    const header = await page.evaluate(() => {
      const el = document.querySelector('signpost-widget').shadowRoot.querySelector('.sp-panel__header');
      return { background: getComputedStyle(el).backgroundColor, text: getComputedStyle(el).color };
    });
    assert.ok(contrast(header.background, header.text) >= 4.5, `panel header ${JSON.stringify(header)}`);
    const warning = record.console.find((m) => m.type === 'warning' && /#ffcc00/.test(m.text));
    assert.ok(warning, `a console warning names the colour: ${JSON.stringify(record.console)}`);
    assert.match(warning.text, /4\.5:1/);

    // A colour that already passes is used exactly as given.
    const dark = await embedded({ color: '#0f766e' });
    try {
      await dark.widget.launcher().waitFor();
      assert.equal((await launcherColours(dark.page)).background, 'rgb(15, 118, 110)');
    } finally {
      await dark.close();
    }
  } finally {
    await close();
  }
});

test('position, offsets and the launcher label come from data- attributes', async () => {
  const { page, widget, close } = await embedded({ position: 'left', 'offset-x': '40', 'offset-y': '64', 'launcher-label': 'Need help?' });
  try {
    const launcher = page.getByRole('button', { name: 'Need help?' });
    await launcher.waitFor();
    await widget.ready();
    const box = await launcher.boundingBox();
    const viewport = page.viewportSize();
    assert.ok(Math.abs(box.x - 40) <= 1, `40 px from the left edge, got x=${box.x}`);
    assert.ok(Math.abs(viewport.height - (box.y + box.height) - 64) <= 1, `64 px from the bottom, got ${JSON.stringify(box)}`);
    await launcher.click();
    const panel = await widget.panel().boundingBox();
    assert.ok(panel.x < viewport.width / 2, `the panel opens on the left too: ${JSON.stringify(panel)}`);
  } finally {
    await close();
  }
});

test('the site\'s settings in content/embed.toml theme the launcher before anything loads, and data- attributes win', async () => {
  const content = fs.mkdtempSync(path.join(os.tmpdir(), 'signpost-embed-'));
  fs.cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  fs.writeFileSync(path.join(content, 'embed.toml'),
    'primary_color = "#ffcc00"\nposition = "left"\noffset_x = 48\nlauncher_label = "Support"\n');
  const desk = await startDesk({ content });
  const pages = await startStaticServer(desk.url);
  const opened = await newPage(env.browser);
  try {
    const at = async (query) => {
      await opened.page.goto(`${pages.url}/embed.html?${query}`);
      const launcher = opened.page.getByRole('button', { name: /Support|Ayuda/ });
      await launcher.waitFor();
      return { box: await launcher.boundingBox(), colours: await launcherColours(opened.page), name: await launcher.getAttribute('aria-label') };
    };
    const site = await at('');
    assert.equal(site.name, 'Support');
    assert.ok(Math.abs(site.box.x - 48) <= 1, `48 px from the left edge, got x=${site.box.x}`);
    assert.ok(contrast(site.colours.background, site.colours.text) >= 4.5, JSON.stringify(site.colours));
    assert.notEqual(site.colours.background, 'rgb(29, 78, 216)', 'the site colour, darkened, not the default blue');
    assert.equal(await opened.page.evaluate(() => performance.getEntriesByType('resource')
      .filter((entry) => /\.wasm$/.test(new URL(entry.name).pathname)).length), 0, 'nothing but the loader drew it');

    const page = await at('position=right&color=%230f766e&launcher-label=Ayuda');
    assert.equal(page.name, 'Ayuda');
    const viewport = opened.page.viewportSize();
    assert.ok(Math.abs(viewport.width - (page.box.x + page.box.width) - 48) <= 1, `48 px from the right edge: ${JSON.stringify(page.box)}`);
    assert.equal(page.colours.background, 'rgb(15, 118, 110)');
  } finally {
    await opened.close();
    await pages.stop();
    await desk.stop();
    fs.rmSync(content, { recursive: true, force: true });
  }
});

test('a hidden launcher: the page opens help from its own button, and focus returns there on Escape', async () => {
  const { page, widget, close } = await embedded({ 'hide-launcher': '' });
  try {
    assert.equal(await page.locator('signpost-widget .sp-launcher').isVisible(), false, 'no launcher');
    // The page's button calls Signpost('open'), which loads the widget.
    await page.getByRole('button', { name: 'Open help' }).focus();
    await page.keyboard.press('Enter');
    await widget.panel().waitFor({ state: 'visible' });
    assert.equal(await page.locator('signpost-widget .sp-launcher').isVisible(), false, 'still no launcher');
    assert.ok(await widget.focusIsInPanel(), 'focus moves into the panel');
    await page.keyboard.press('Escape');
    await widget.panel().waitFor({ state: 'hidden' });
    await until(async () => (await page.evaluate(() => document.activeElement?.id)) === 'own-help', 'focus to go back to the page button');
  } finally {
    await close();
  }
});

test('with a z-index the widget leaves the top layer, so the page can cover it', async () => {
  const { page, widget, close } = await embedded({ 'z-index': '10' });
  try {
    await widget.ready();
    const box = await widget.launcher().boundingBox();
    const covered = await page.evaluate(({ x, y }) => {
      const overlay = document.getElementById('page-overlay');
      overlay.hidden = false;
      Object.assign(overlay.style, { position: 'fixed', inset: '0', zIndex: '100', background: 'rgb(0 0 0 / 0.3)' });
      return document.elementFromPoint(x, y)?.id;
    }, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    assert.equal(covered, 'page-overlay', 'the page\'s z-index 100 overlay is above the widget\'s 10');
  } finally {
    await close();
  }

  // Without one, the same overlay cannot cover the launcher.
  const topLayer = await embedded();
  try {
    await topLayer.widget.ready();
    const box = await topLayer.widget.launcher().boundingBox();
    const onTop = await topLayer.page.evaluate(({ x, y }) => {
      const overlay = document.getElementById('page-overlay');
      overlay.hidden = false;
      Object.assign(overlay.style, { position: 'fixed', inset: '0', zIndex: '2147483647' });
      return document.elementFromPoint(x, y)?.localName;
    }, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    assert.equal(onTop, 'signpost-widget');
  } finally {
    await topLayer.close();
  }
});

test('the dark scheme darkens the panel and keeps its text readable', async () => {
  const { page, widget, close } = await embedded({ scheme: 'dark' });
  try {
    await widget.ready();
    await widget.open();
    const colours = await page.evaluate(() => {
      const root = document.querySelector('signpost-widget').shadowRoot;
      const panel = getComputedStyle(root.querySelector('.sp-panel'));
      const muted = getComputedStyle(root.querySelector('.sp-section__empty, .sp-section__title'));
      return { background: panel.backgroundColor, text: panel.color, muted: muted.color };
    });
    assert.ok(contrast(colours.background, '#000000') < 2, `a dark background: ${colours.background}`);
    assert.ok(contrast(colours.background, colours.text) >= 4.5, JSON.stringify(colours));
    assert.ok(contrast(colours.background, colours.muted) >= 4.5, JSON.stringify(colours));
  } finally {
    await close();
  }
});

test('with data-storage="none" nothing is stored, even after typing and filing a request', async () => {
  const { page, widget, close } = await embedded({ storage: 'none' });
  try {
    await widget.ready();
    await widget.open();
    await widget.openContact();
    await widget.fillContact({ topic: 'refund', subject: 'Refund?', message: 'Where is my refund?', email: 'lena@example.com' });
    await widget.sendRequestButton().click();
    await widget.waitForSent();
    const stored = await page.evaluate(() => [localStorage, sessionStorage]
      .flatMap((s) => Object.keys(s)).filter((k) => k.startsWith('signpost.')));
    assert.deepEqual(stored, []);
  } finally {
    await close();
  }
});

test('status:changed tells the page when an incident opens and when it is resolved', async () => {
  const { page, widget, close } = await embedded();
  try {
    await page.evaluate(() => {
      window.__status = [];
      window.Signpost('on', 'status:changed', (detail) => window.__status.push(detail));
    });
    await widget.ready();
    const id = await runCli(env.desk, AGENT_TOKEN, 'incident', 'open', '--impact', 'major',
      '--component', 'Payments', '--message', 'Card payments are failing.', 'Card payments failing');
    await page.waitForFunction(() => window.__status.length > 0, null, { timeout: 10_000 });
    const opened = await page.evaluate(() => window.__status.at(-1));
    assert.deepEqual(opened.incidents.map((i) => [i.id, i.name, i.impact]), [[id, 'Card payments failing', 'major']]);

    await runCli(env.desk, AGENT_TOKEN, 'incident', 'resolve', id, 'Fixed.');
    await page.waitForFunction(() => window.__status.at(-1).incidents.length === 0, null, { timeout: 10_000 });
  } finally {
    await close();
  }
});

/** A token the site's backend would mint for this user. */
const mint = (userId, email, secret = IDENTITY_SECRET) => runCli(env.desk, AGENT_TOKEN,
  'identity', 'mint', '--secret', secret, '--user-id', userId, '--email', email, '--role', 'buyer', '--name', 'Lena Ortiz');

test('identify: a verified user files without typing an email, and sees the request on another device', async () => {
  const token = await mint('u-lena', 'lena.verified@example.com');
  const laptop = await embedded();
  let id;
  try {
    await laptop.page.evaluate((t) => window.Signpost('identify', { token: t }), token);
    await laptop.widget.ready();
    await laptop.widget.open();
    await laptop.widget.openContact();
    const note = laptop.widget.panelElement().locator('.sp-field__note');
    await note.waitFor();
    assert.equal(await note.textContent(), 'We\'ll reply to lena.verified@example.com.');
    assert.equal(await laptop.widget.emailInput().isVisible(), false, 'no email field to fill in');
    await laptop.widget.fillContact({ topic: 'refund', subject: 'Refund for A-1043', message: 'Where is my refund?' });
    await laptop.widget.sendRequestButton().click();
    id = await laptop.widget.waitForSent();
    assert.equal(laptop.requested(/\/split_identity\.wasm$/).length, 1, 'identity\'s module, fetched once');
    assert.deepEqual(laptop.record.errors, [], describeErrors(laptop.record.errors));
  } finally {
    await laptop.close();
  }

  const stored = await new AgentApi(env.desk.url).ticket(id);
  assert.deepEqual(stored.identity, {
    user_id: 'u-lena', email: 'lena.verified@example.com', name: 'Lena Ortiz', role: 'buyer', verified: true,
  });

  // A fresh browser profile: nothing stored locally, the identity alone finds the request.
  const phone = await embedded();
  try {
    await phone.page.evaluate((t) => window.Signpost('identify', { token: t }), token);
    await phone.widget.ready();
    await phone.widget.open();
    await phone.widget.requestsButton().waitFor({ timeout: 10_000 });
    await phone.widget.openRequests();
    assert.deepEqual(await phone.widget.requestIds(), [id]);
    await phone.widget.openThread(id);
    assert.deepEqual(await phone.widget.threadMessages(), [{ who: 'You', body: 'Where is my refund?' }]);
  } finally {
    await phone.close();
  }
});

test('stored requests belong to the verified user: hidden from the next anonymous visitor, deleted when another user signs in', async () => {
  const lena = await mint('u-lena-shared', 'lena.shared@example.com');
  const mallory = await mint('u-mallory-shared', 'mallory.shared@example.com');
  // One browser profile (one localStorage), three visits.
  const { page, widget, record, close } = await embedded();
  const visit = async (token) => {
    await page.goto(`${env.pages.url}/embed.html`);
    if (token) await page.evaluate((t) => window.Signpost('identify', { token: t }), token);
    await widget.ready();
    await widget.open();
  };
  try {
    await page.evaluate((t) => window.Signpost('identify', { token: t }), lena);
    await widget.ready();
    await widget.open();
    await widget.openContact();
    await widget.fillContact({ topic: 'refund', subject: 'Refund on a shared laptop', message: 'Where is my refund?' });
    await widget.sendRequestButton().click();
    const id = await widget.waitForSent();
    assert.equal(await storedJson(page, 'signpost.owner'), 'u-lena-shared');
    assert.deepEqual((await storedJson(page, 'signpost.tickets')).map((t) => t.created.id), [id]);

    // Lena leaves without the page calling shutdown; the next visitor is anonymous.
    await visit(null);
    await widget.panel().getByRole('button', { name: 'Contact support', exact: true }).waitFor();
    assert.equal(await widget.requestsButton().count(), 0, 'an anonymous visitor sees no "Your requests"');
    assert.equal((await storedJson(page, 'signpost.tickets'))?.length, 1, 'kept for Lena');

    // Lena again: her request is back.
    await visit(lena);
    await widget.openRequests();
    assert.deepEqual(await widget.requestIds(), [id]);

    // Another verified user: Lena's stored request and its access token are deleted.
    await visit(mallory);
    await until(async () => (await storedJson(page, 'signpost.tickets')) === null, "Lena's stored tickets to go");
    assert.equal(await storedJson(page, 'signpost.owner'), null);
    assert.equal(await widget.requestsButton().count(), 0, 'Mallory sees none of Lena\'s requests');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('a forged or malformed identity token leaves the user anonymous, with a console warning', async () => {
  const forged = await mint('u-mallory', 'mallory@example.com', 'not-the-sites-secret-0123456789abcdef');
  for (const token of [forged, 'not.a.jwt']) {
    const { page, widget, record, close } = await embedded();
    try {
      await page.evaluate((t) => window.Signpost('identify', { token: t }), token);
      await widget.ready();
      await widget.open();
      await widget.openContact();
      const identifyWarning = () => record.console.find((m) => m.type === 'warning' && /identify/.test(m.text));
      for (let waited = 0; !identifyWarning() && waited < 5_000; waited += 50) await sleep(50);
      const warning = identifyWarning();
      assert.ok(warning, `a warning for ${token.slice(0, 12)}…: ${JSON.stringify(record.console)}`);
      assert.equal(await widget.emailInput().isVisible(), true, 'the user must give an email: nothing was trusted');
      assert.equal(await widget.panelElement().locator('.sp-field__note').count(), 0);
      assert.deepEqual(record.errors, [], describeErrors(record.errors));
    } finally {
      await close();
    }
  }
});
