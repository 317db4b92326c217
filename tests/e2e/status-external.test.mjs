// Service status from a Statuspage on a third origin (`data-status-url`): the widget polls that feed, keeps
// showing it when the desk itself is down, follows its updates, and ignores a malformed answer, keeping the last
// good state on screen.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ROOT, Widget, describeErrors, newPage, setWidgetLocale, setup, sleep, startFeedServer, until,
} from './harness.mjs';


/** One poll interval (~10 s, less jitter) plus slack. */
const POLL_MS = 25_000;
const TITLE = 'Card payments failing';
const FIRST = 'We are investigating failed card payments. <i>Really</i>.';
const SECOND = 'Our card processor has identified the cause and is rolling out a fix.';

/** A Statuspage v2 summary in the shape of a real one (Discord's), with Payments down and one open incident. */
async function summary(latestBody) {
  const example = JSON.parse(
    await readFile(path.resolve(ROOT, '../shared/data/statuspage-examples/discord_summary.json'), 'utf8').catch(
      () => '{"page":{"id":"srhpyqt94yxb","name":"Discord","url":"https://discordstatus.com"},"components":[]}',
    ),
  );
  const started = new Date(Date.now() - 20 * 60_000).toISOString();
  const now = new Date(Date.now() - 60_000).toISOString();
  const payments = {
    id: 'pay0ments0001',
    name: 'Payments',
    status: 'partial_outage',
    created_at: '2020-08-30T03:42:44.139-07:00',
    updated_at: now,
    position: 1,
    description: null,
    showcase: true,
    start_date: null,
    group_id: null,
    page_id: example.page.id,
    group: false,
    only_show_if_degraded: false,
  };
  const updates = [
    { id: 'upd1', status: 'investigating', body: FIRST, created_at: started },
    ...(latestBody ? [{ id: 'upd2', status: 'identified', body: latestBody, created_at: now }] : []),
  ].reverse().map((u) => ({
    ...u,
    incident_id: 'inc0ext0001',
    updated_at: u.created_at,
    display_at: u.created_at,
    affected_components: [{ code: payments.id, name: 'Payments', old_status: 'operational', new_status: 'partial_outage' }],
    deliver_notifications: true,
    custom_tweet: null,
    tweet_id: null,
  }));
  return {
    page: { ...example.page, updated_at: now },
    components: [...example.components, payments],
    incidents: [
      {
        id: 'inc0ext0001',
        name: TITLE,
        status: latestBody ? 'identified' : 'investigating',
        created_at: started,
        updated_at: now,
        monitoring_at: null,
        resolved_at: null,
        impact: 'major',
        shortlink: 'https://stspg.io/example',
        started_at: started,
        page_id: example.page.id,
        incident_updates: updates,
        components: [payments],
      },
    ],
    scheduled_maintenances: [],
    status: { indicator: 'major', description: 'Partial System Outage' },
  };
}

// The third origin: started first, so the host page and its CSP can name it.
const feed = await startFeedServer(await summary(null));
const env = setup({}, { FEED: feed.url });
after(async () => {
  await feed?.stop();
});

test('a third-party status feed shows in the banner, survives the desk going down, updates by polling, and outlives malformed JSON', async () => {
  const { page, record, requested, cspViolations, close } = await newPage(env.browser);
  const widget = new Widget(page);
  const feedUrl = new RegExp(`^${feed.url.replace(/[.]/g, '\\.')}/api/v2/summary\\.json`);
  try {
    const firstPoll = page.waitForResponse(feedUrl, { timeout: 15_000 });
    const response = await page.goto(`${env.pages.url}/status-external.html`, { waitUntil: 'load' });
    assert.match(response.headers()['content-security-policy'] ?? '', new RegExp(`connect-src 'self' \\S+ ${feed.url}`));
    await widget.ready();
    assert.equal((await firstPoll).status(), 200, 'the widget fetched the feed on the third origin');
    await widget.statusLauncher().click();
    await widget.panel().waitFor({ state: 'visible' });

    await widget.statusBanner().filter({ hasText: TITLE }).waitFor({ state: 'visible', timeout: 5_000 });
    let banner = await widget.bannerText();
    assert.match(banner.className, /\bsp-banner--major\b/);
    assert.equal(banner.impact, 'Partial outage');
    assert.equal(banner.title, TITLE);
    assert.equal(banner.body, FIRST, 'the latest update, as text');
    assert.equal(await widget.statusBanner().locator('i').count(), 0, 'no markup from the feed');
    assert.match(banner.meta, /^Updated .*ago/, 'updated 20 minutes ago');
    assert.deepEqual(requested(/\/v1\/status\/stream|\/api\/v2\/summary\.json/).filter((r) => !feedUrl.test(r.url)), [],
      'nothing asked of the desk\'s own status feed');

    // In an Arabic interface the feed's English still reads left to right, its full stops where they belong.
    await setWidgetLocale(page, 'ar');
    const direction = (selector) => page.locator(`signpost-widget ${selector}`).evaluate((el) => getComputedStyle(el).direction);
    assert.equal(await direction('.sp-banner__impact'), 'rtl', 'the translated label reads right to left');
    assert.equal(await direction('.sp-banner__title'), 'ltr', 'the English title reads left to right');
    assert.equal(await direction('.sp-banner__body'), 'ltr', 'the English update reads left to right');
    await setWidgetLocale(page, 'en');

    // The desk dies: the banner stays, and the feed is still followed.
    await env.desk.kill('SIGKILL');
    await assert.rejects(fetch(`${env.desk.url}/healthz`), 'the desk is down');
    const polled = feed.requests();
    feed.set(await summary(SECOND));
    await widget.statusBanner().filter({ hasText: SECOND }).waitFor({ state: 'visible', timeout: POLL_MS })
      .catch(async (err) => {
        throw new Error(`the update never showed (feed answered ${feed.requests() - polled} more time(s)); banner: ${JSON.stringify(await widget.bannerText())}\n${err.message}`);
      });
    banner = await widget.bannerText();
    assert.equal(banner.title, TITLE);
    assert.equal(banner.body, SECOND);

    // The feed breaks: nothing breaks with it.
    const pollsBefore = feed.requests();
    const ignored = () => record.console.filter((m) => m.type === 'warning' && /status feed ignored/.test(m.text)).length;
    const ignoredBefore = ignored();
    feed.set('{"page": {"id": "srhpyqt94yxb", "name": "Discord"}, "incidents": [ {"id": "inc0ext0001", "name": ');
    const deadline = Date.now() + POLL_MS;
    while (feed.requests() < pollsBefore + 1 && Date.now() < deadline) await sleep(250);
    assert.ok(feed.requests() > pollsBefore, 'the widget polled the broken feed');
    await until(() => ignored() > ignoredBefore, 'the widget to read the broken feed (its warning)', POLL_MS);
    banner = await widget.bannerText();
    assert.ok(banner, 'the banner is still there');
    assert.equal(banner.title, TITLE, 'the last good state stays');
    assert.equal(banner.body, SECOND);
    assert.ok(await widget.statusBanner().isVisible());

    assert.deepEqual(await cspViolations(), [], 'no CSP violations');
    assert.deepEqual(record.errors, [], describeErrors(record.errors));
  } finally {
    await close();
  }
});
