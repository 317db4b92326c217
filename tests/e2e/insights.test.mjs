// Insights end to end: a scripted population of buyers and sellers uses the real widget on the demo pages (some
// find their answer and say so, one searches and files a ticket, one seller opens and leaves), the widget
// reports what they did with sendBeacon, and the console's Insights page shows the funnel they lived (k = 1 for
// the test), and triage's accuracy once an agent corrected the ticket. Privacy: an install id only in the
// widget's own storage, nothing linked under Global Privacy Control, and no identity token with unlinked events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentApi, SCREENSHOTS_DIR, TICKET_DESK_ARGS, Widget, newPage, setup, until } from './harness.mjs';
import { Console, addAgent } from './console-harness.mjs';
import path from 'node:path';

const env = setup({ args: [...TICKET_DESK_ARGS, '--report-min-users', '1'] });
const EVENTS = /\/v1\/events$/;

/** Every batch the page sends to `/v1/events`, parsed, as the desk receives it. */
function beacons(page) {
  const sent = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && EVENTS.test(request.url())) {
      sent.push({ contentType: request.headers()['content-type'], batch: JSON.parse(request.postData()) });
    }
  });
  return sent;
}

/** The funnel row of `cohort` from the API, or undefined. */
async function funnelRow(cohort) {
  const funnel = await new AgentApi(env.desk.url).ok('GET', '/v1/agent/insights/funnel?by=audience');
  return funnel.rows.find((row) => row.cohort === cohort);
}

const count = (shown) => shown?.count;

/** Waits until the funnel row of `cohort` reads `counts` (as `{ opened: 3 }`). A page's context is closed only
 * after this: closing it cancels a beacon still in flight, which a real browser left open would deliver. */
async function untilFunnel(cohort, counts) {
  let row;
  await until(async () => {
    row = await funnelRow(cohort);
    return Object.entries(counts).every(([field, n]) => count(row?.[field]) === n);
  }, () => `the ${cohort}s' funnel to read ${JSON.stringify(counts)} (it reads ${JSON.stringify(row)})`, 30_000);
}

/** The `n`th buyer on the order page, who reads the first suggestion, says it helped, and leaves the page (which
 * sends what is pending at once, with sendBeacon: the desk counts it, though the browser no longer reports it).
 * The buyer stays until the batch timer has sent something, so the widget's reporter has arrived (a page left
 * before then sends nothing). */
async function buyerWhoFindsTheAnswer(n) {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  const sent = beacons(session.page);
  try {
    await session.page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.open();
    await widget.suggestedSection().waitFor({ state: 'visible' });
    // The first article: a guided flow the rules offer is listed before the articles.
    await widget.suggestedSection().locator('.sp-suggestion:not(.sp-suggestion--flow) .sp-suggestion__open').first().click();
    await widget.articleHeading().waitFor({ state: 'visible' });
    await until(() => sent.length > 0, `buyer ${n}'s first batch to be sent`, 30_000);
    await widget.feedbackButton('Yes').click();
    assert.ok(await session.page.evaluate(() => localStorage.getItem('signpost.install')), 'an install id, once the user acted');
    await session.page.goto('about:blank');
    await untilFunnel('buyer', { confirmed: n });
  } finally {
    await session.close();
  }
}

test('a population of buyers and sellers gives the funnel it lived, in the API and on the console', { timeout: 240_000 }, async () => {
  await buyerWhoFindsTheAnswer(1);
  await buyerWhoFindsTheAnswer(2);

  // A buyer who searches, finds nothing that helps, and files a ticket.
  const searcher = await newPage(env.browser);
  const widget = new Widget(searcher.page);
  const searched = beacons(searcher.page);
  try {
    await searcher.page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.open();
    await widget.search('refund');
    await widget.openContact();
    await widget.fillContact({
      subject: 'Refund not received',
      message: 'I returned the lamp two weeks ago and have not been refunded yet.',
      email: 'kim@example.com',
    });
    await widget.sendRequestButton().click();
    await widget.waitForSent();
    // The batch timer sends it without the page being hidden.
    await until(() => searched.some((s) => s.batch.events.some((e) => e.kind === 'ticket_filed')), 'the ticket event to be sent', 30_000);
    // Sent as text/plain (what sendBeacon can send across origins), linked by an install id.
    assert.match(searched[0].contentType, /^text\/plain/);
    assert.equal(searched[0].batch.unit.kind, 'install');
    assert.deepEqual(searched[0].batch.page, { surface: 'order', language: 'en', audience: 'buyer' });
    const events = searched.flatMap((s) => s.batch.events);
    const search = events.find((e) => e.kind === 'searched');
    assert.equal(search.query, 'refund', 'the search the user settled on, once');
    assert.ok(search.results > 0);
    assert.equal(events.filter((e) => e.kind === 'searched').length, 1);
    assert.ok(events.some((e) => e.kind === 'contact_started'));
    await untilFunnel('buyer', { opened: 3, escalated: 1 });
  } finally {
    await searcher.close();
  }

  // A seller who opens the widget on the onboarding page and leaves. The widget reports once its reporter's module
  // has arrived (an event before then, on a page left at once, is not sent: the buyers above test the send on
  // leaving), so the seller stays until the batch timer has sent the opening.
  const seller = await newPage(env.browser);
  try {
    const sellerWidget = new Widget(seller.page);
    const sellerSent = beacons(seller.page);
    await seller.page.goto(`${env.desk.url}/demo/onboarding`);
    await sellerWidget.ready();
    await sellerWidget.open();
    await until(() => sellerSent.some((s) => s.batch.events.some((e) => e.kind === 'opened')), 'the seller\'s opening to be sent', 30_000);
    await seller.page.goto('about:blank');
    await untilFunnel('seller', { opened: 1 });
  } finally {
    await seller.close();
  }

  const buyer = await funnelRow('buyer');
  assert.equal(count(buyer.confirmed), 2, JSON.stringify(buyer));
  assert.equal(count((await funnelRow('seller')).left), 1);
  assert.equal(buyer.engaged_rate.successes, 3);
  // Both read the same suggested article and said it helped.
  const articles = await new AgentApi(env.desk.url).ok('GET', '/v1/agent/insights/articles');
  const voted = articles.rows.filter((row) => row.helpful_rate);
  assert.equal(voted.length, 1, JSON.stringify(articles));
  assert.equal(voted[0].readers.count, 2);
  assert.equal(voted[0].helpful_rate.successes, 2);
  assert.ok(buyer.engaged_rate.low < 1 && buyer.engaged_rate.high === 1);

  // An agent moves the refund ticket to another team (disputes, unless triage chose it): triage's accuracy counts
  // the correction.
  const agents = new AgentApi(env.desk.url);
  const [refund] = await agents.list();
  const corrected = refund.queue === 'disputes' ? 'payments' : 'disputes';
  await agents.ok('POST', `/v1/agent/tickets/${refund.id}/reroute`, { queue: corrected, priority: 'high', reason: 'a refund the seller refuses' });

  // The team lead reads the same numbers on the console's Insights page.
  await addAgent(env.desk, { name: 'Lea Lead', email: 'lea@example.com', role: 'admin' });
  const lead = await newPage(env.browser);
  try {
    const console = new Console(lead.page, env.desk.url);
    await console.open();
    await console.signIn('lea@example.com');
    await console.open('#/insights');
    const row = lead.page.getByTestId('funnel-row-buyer');
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal((await row.getByTestId('opened').textContent()).trim(), '3');
    assert.equal((await row.getByTestId('confirmed').textContent()).trim(), '2');
    assert.equal((await row.getByTestId('escalated').textContent()).trim(), '1');
    assert.equal((await lead.page.getByTestId('funnel-row-seller').getByTestId('left').textContent()).trim(), '1');
    // One ticket, re-routed: 0 of 1 right, in the figure, the week's row and the matrix's off-diagonal cell.
    const triage = lead.page.getByTestId('insights-triage');
    assert.match(await triage.getByTestId('triage-rerouted').textContent(), /^100%/);
    assert.match(await triage.getByTestId('triage-queue-accuracy').textContent(), /^0%/);
    assert.match(await triage.getByTestId('triage-weeks').locator('tbody tr').first().getByTestId('queue-accuracy').textContent(), /^0%/);
    assert.equal((await triage.getByTestId(`cell-${refund.queue}-${corrected}`).textContent()).trim(), '1');
    assert.equal((await triage.getByTestId(`cell-${corrected}-${corrected}`).textContent()).trim(), '0');
    assert.match(await triage.getByTestId('triage-chart').getAttribute('aria-label'), /Queue accuracy per week.*0%/);
    assert.equal((await triage.getByTestId('drift-queue').getByTestId(`drift-queue-${corrected}`).getByTestId('current').textContent()).trim(), '1 (100%)');
    await console.audit('insights');
    await lead.page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'console-insights.png'), fullPage: true });

    // "Last month" asks for the whole calendar month before this one.
    const now = new Date();
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10);
    const asked = lead.page.waitForResponse((response) =>
      response.url().includes('/v1/agent/insights/funnel?') && response.url().includes(`from=${first}&to=${last}`));
    const lastMonth = lead.page.getByTestId('insights-last-month');
    await lastMonth.click();
    assert.equal((await asked).status(), 200);
    assert.equal(await lead.page.getByTestId('insights-from').inputValue(), first);
    assert.equal(await lead.page.getByTestId('insights-to').inputValue(), last);
    assert.equal(await lastMonth.getAttribute('aria-pressed'), 'true');
    assert.equal(await lead.page.getByTestId('insights-last-28').getAttribute('aria-pressed'), 'false');
  } finally {
    await lead.close();
  }
});

test('with Global Privacy Control on, events are counted but not linked, and carry no identity', { timeout: 120_000 }, async () => {
  const session = await newPage(env.browser);
  await session.page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  const widget = new Widget(session.page);
  const sent = beacons(session.page);
  try {
    await session.page.goto(`${env.desk.url}/demo/checkout`);
    await widget.ready();
    await widget.open();
    assert.equal(await session.page.evaluate(() => localStorage.getItem('signpost.install')), null, 'no install id kept');
    await until(() => sent.length > 0, 'a batch to be sent', 30_000);
    assert.deepEqual(sent[0].batch.unit, { kind: 'unlinked' });
    assert.equal(sent[0].batch.identity, undefined);
    let funnel;
    await until(async () => {
      funnel = await new AgentApi(env.desk.url).ok('GET', '/v1/agent/insights/funnel');
      return funnel.unlinked_events >= 1;
    }, () => `the desk to count the unlinked events (${JSON.stringify(funnel)})`, 30_000);
  } finally {
    await session.close();
  }
});
