// Service status, live: an operator opens, updates and resolves an incident with the desk's CLI while a shopper
// has the help panel open on the demo checkout; the widget follows the desk's event stream, so each change shows
// within 2 s without a reload, incident text is shown as text, and the launcher carries the news while closed.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { Widget, describeErrors, newPage, runCli, setup, until } from './harness.mjs';

const TOKEN = 'e2e-agent-token-status-live-0123456789abcdef';
const env = setup({ args: ['--agent-token', TOKEN] });
const cli = (...args) => runCli(env.desk, TOKEN, ...args);

// Each test starts from a status page with nothing open, whatever an earlier (failed) test left behind.
beforeEach(async () => {
  const response = await fetch(`${env.desk.url}/api/v2/incidents/unresolved.json`);
  assert.equal(response.status, 200);
  for (const incident of (await response.json()).incidents) await cli('incident', 'resolve', incident.id);
});

/** How long a change may take from the CLI's answer to the screen. */
const LIVE_MS = 2_000;
const TITLE = 'Card payments failing';
const HOSTILE = 'Cards are declined. <b>bold</b> <script>window.__pwned=1</script>';
const UPDATE = 'We found the cause: a certificate at our card processor expired.';
const RESOLUTION = 'Card payments work again.';

/** Waits until `predicate()` (async) holds, for at most `ms`; fails with `what` and the last value seen. */
async function within(ms, what, probe, predicate) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    last = await probe();
    if (predicate(last)) return last;
    if (Date.now() > deadline) {
      assert.fail(`${what} not within ${ms} ms; last seen: ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('an incident opened, updated and resolved with the CLI shows live in the open panel and on the launcher', async () => {
  const { page, record, cspViolations, close } = await newPage(env.browser);
  const widget = new Widget(page);
  let navigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  try {
    const streamResponse = page.waitForResponse(/\/v1\/status\/stream$/, { timeout: 15_000 });
    await page.goto(`${env.desk.url}/demo/checkout`, { waitUntil: 'load' });
    await widget.ready();
    const stream = await streamResponse; // the widget listens to the desk's stream
    assert.equal(stream.status(), 200);
    assert.match(stream.headers()['content-type'] ?? '', /^text\/event-stream/);
    await widget.open();
    assert.equal(await widget.statusBanner().count(), 0, 'no banner while all is well');
    assert.equal(await widget.statusLive().getAttribute('role'), 'status', 'the banner lives in a status region');
    const navigationsBefore = navigations;

    // Open: the banner appears, the message shown as the literal text it is.
    const id = await cli('incident', 'open', '--component', 'Payments', '--impact', 'major', '--message', HOSTILE, TITLE);
    assert.match(id, /^\S+$/, `the CLI printed the new incident's id: ${JSON.stringify(id)}`);
    let banner = await within(LIVE_MS, 'the banner', () => widget.bannerText(), (b) => b?.title === TITLE);
    assert.match(banner.className, /\bsp-banner--major\b/);
    assert.equal(banner.impact, 'Partial outage');
    assert.equal(banner.body, HOSTILE, 'the update is shown as text');
    assert.match(banner.meta, /^Updated /);
    assert.equal(await widget.statusBanner().locator('b, script').count(), 0, 'no markup from the message');
    assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined', 'no script from the message ran');
    assert.ok(await widget.statusBanner().isVisible(), 'the banner is visible');
    assert.ok(await widget.viewStatusButton().isVisible(), 'with a "View status" button');

    // The rules see the incident by the components it affects, lowercased ("Payments" matches the rule's
    // `payments`): the status article comes first, and "Why am I seeing this?" says why.
    await widget.waitForFirstSuggestion('Outages and service status');
    const statusHelp = await widget.suggestion('Outages and service status');
    await statusHelp.why.click();
    await statusHelp.explanation.waitFor({ state: 'visible' });
    assert.match(await statusHelp.explanation.textContent(), /Payments are having problems right now/);

    // Update: the banner follows.
    await cli('incident', 'update', id, UPDATE, '--status', 'identified');
    banner = await within(LIVE_MS, 'the update', () => widget.bannerText(), (b) => b?.body === UPDATE);
    assert.equal(banner.title, TITLE);

    // The status view: the incident with both updates.
    await widget.viewStatusButton().click();
    await widget.panel().getByRole('heading', { name: 'Service status' }).waitFor({ state: 'visible' });
    const incident = widget.statusView().locator('.sp-incident');
    assert.equal(await incident.count(), 1, 'one open incident');
    assert.equal(await incident.locator('.sp-incident__title').textContent(), TITLE);
    const bodies = await incident.locator('.sp-timeline__body').allTextContents();
    assert.deepEqual([...bodies].sort(), [HOSTILE, UPDATE].sort(), 'the timeline has every update');
    const statuses = await incident.locator('.sp-timeline__status').allTextContents();
    assert.ok(statuses.some((s) => s.startsWith('Investigating')), `statuses: ${JSON.stringify(statuses)}`);
    assert.ok(statuses.some((s) => s.startsWith('Identified')), `statuses: ${JSON.stringify(statuses)}`);
    assert.equal(await widget.statusView().locator('b, script').count(), 0, 'no markup in the timeline');
    assert.equal(await widget.statusBanner().isVisible(), false, 'the status view replaces the banner');
    await widget.backButton().click();
    await widget.statusBanner().waitFor({ state: 'visible' });

    // Closed panel: the launcher carries the news.
    await widget.closeButton().click();
    await widget.panel().waitFor({ state: 'hidden' });
    await widget.launcherBadge().waitFor({ state: 'visible', timeout: LIVE_MS });
    const launcher = page.locator('signpost-widget .sp-launcher');
    assert.equal(await launcher.count(), 1);
    assert.match(await launcher.getAttribute('aria-label'), /service issue affecting checkout/);
    assert.equal(await launcher.getAttribute('aria-label'), 'Help — service issue affecting checkout');
    assert.equal(
      await page.getByRole('button', { name: 'Help — service issue affecting checkout', exact: true }).count(),
      1,
      'the accessible name says what is wrong',
    );

    // Reopen, then resolve: the banner goes and says so.
    await widget.statusLauncher().click();
    await widget.panel().waitFor({ state: 'visible' });
    await widget.statusBanner().waitFor({ state: 'visible' });
    await cli('incident', 'resolve', id, RESOLUTION);
    await within(LIVE_MS, 'the resolution', async () => ({
      banners: await widget.statusBanner().count(),
      resolved: await widget.resolvedNotice().allTextContents(),
    }), (s) => s.banners === 0 && s.resolved.includes(`Resolved: ${TITLE}`));
    assert.ok(await widget.resolvedNotice().isVisible(), 'the "Resolved" notice is visible');
    assert.equal(await widget.statusLive().getAttribute('role'), 'status', 'announced politely');
    assert.equal(await launcher.getAttribute('aria-label'), 'Help', 'the launcher is plain "Help" again');
    await widget.closeButton().click();
    await widget.panel().waitFor({ state: 'hidden' });
    assert.equal(await widget.launcherBadge().isVisible(), false, 'no badge');
    assert.equal(await widget.launcher().count(), 1, 'the launcher is named "Help"');

    assert.equal(navigations, navigationsBefore, 'the page never reloaded');
    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('the status module refused at first is asked for again, and the incident then shows', async () => {
  const { page, record, requested, close } = await newPage(env.browser);
  const widget = new Widget(page);
  // Reading a feed with something open is the status module's code, fetched from the desk when first needed.
  const statusModule = /\/widget\/[^/]+\/split_status\.wasm$/;
  const refuse = (route) => route.abort('internetdisconnected');
  await page.route(statusModule, refuse);
  try {
    await page.goto(`${env.desk.url}/demo/checkout`, { waitUntil: 'load' });
    await widget.ready();
    await widget.open();
    await cli('incident', 'open', '--component', 'Payments', '--impact', 'major', '--message', UPDATE, TITLE);
    await until(() => requested(statusModule).length >= 2, 'the status module to be asked for again after a failure');
    assert.equal(await widget.statusBanner().count(), 0, 'no banner while it cannot be read');

    await page.unroute(statusModule, refuse);
    await widget.statusBanner().filter({ hasText: TITLE }).waitFor({ timeout: 20_000 });
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('a critical incident is announced once, assertively', async () => {
  const { page, record, cspViolations, close } = await newPage(env.browser);
  const widget = new Widget(page);
  try {
    const streamResponse = page.waitForResponse(/\/v1\/status\/stream$/, { timeout: 15_000 });
    await page.goto(`${env.desk.url}/demo/checkout`, { waitUntil: 'load' });
    await widget.ready();
    await streamResponse;
    // Whatever another test left open, the launcher opens the panel.
    await widget.statusLauncher().click();
    await widget.panel().waitFor({ state: 'visible' });
    assert.equal(await widget.statusAlert().textContent(), '', 'nothing critical announced yet');

    const title = 'Checkout is down';
    const id = await cli('incident', 'open', '--component', 'Checkout', '--impact', 'critical', title);
    const banner = await within(LIVE_MS, 'the banner', () => widget.bannerText(), (b) => b?.title === title);
    assert.match(banner.className, /\bsp-banner--critical\b/);
    assert.equal(banner.impact, 'Major outage');
    assert.equal(await widget.statusAlert().textContent(), `Major outage: ${title}`);
    assert.equal(await widget.statusAlert().getAttribute('class'), 'sp-visually-hidden');

    // Another update of the same incident does not announce it again (the alert's text stays put).
    const mutations = await widget.statusAlert().evaluate((el) => {
      window.__alertMutations = 0;
      new MutationObserver((list) => { window.__alertMutations += list.length; })
        .observe(el, { childList: true, characterData: true, subtree: true });
      return window.__alertMutations;
    });
    assert.equal(mutations, 0);
    await cli('incident', 'update', id, 'Still down, we are on it.', '--status', 'identified');
    await within(LIVE_MS, 'the update', () => widget.bannerText(), (b) => b?.body === 'Still down, we are on it.');
    assert.equal(await page.evaluate(() => window.__alertMutations), 0, 'not announced twice');

    await cli('incident', 'resolve', id);
    await widget.resolvedNotice().filter({ hasText: `Resolved: ${title}` }).waitFor({ timeout: LIVE_MS });
    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});

test('during an incident, an untouched page it concerns loads the widget to say so; other pages stay light', async () => {
  await cli('incident', 'open', '--component', 'Payments', '--impact', 'major', TITLE);
  const checkout = await newPage(env.browser);
  const onboarding = await newPage(env.browser);
  try {
    // Payments concern the checkout: the desk's answer says so, and the launcher carries the news unasked.
    const notices = checkout.page.waitForResponse(/\/v1\/notices\?surface=checkout$/);
    await checkout.page.goto(`${env.desk.url}/demo/checkout`, { waitUntil: 'load' });
    assert.equal((await (await notices).json()).show, true);
    const widget = new Widget(checkout.page);
    await widget.launcherBadge().waitFor({ state: 'visible' });
    assert.equal(
      await checkout.page.locator('signpost-widget .sp-launcher').getAttribute('aria-label'),
      'Help — service issue affecting checkout',
    );
    assert.deepEqual(checkout.record.errors, [], describeErrors(checkout.record.errors));

    // They do not concern seller onboarding: nothing heavy is fetched there (on a page where the seller has no
    // blocker, so no rule has a nudge to show either).
    const quiet = onboarding.page.waitForResponse(/\/v1\/notices\?surface=onboarding$/);
    await onboarding.page.goto(`${env.pages.url}/onboarding-quiet.html`, { waitUntil: 'load' });
    assert.equal((await (await quiet).json()).show, false);
    await onboarding.page.waitForLoadState('networkidle');
    assert.deepEqual(onboarding.requested(/\.wasm(\?|$)/).map((r) => r.url), [], 'no wasm on onboarding');
  } finally {
    await checkout.close();
    await onboarding.close();
  }
});
