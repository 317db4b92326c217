// Experiments end to end: with an experiment on the late-delivery rule's article (run on a copy of the content
// folder), fresh buyers on the demo order page each see one of the two articles where the rule puts it, in
// about the planned shares, never a flash of the other; the desk counts exactly the exposures the pages showed.
// With one on the cancellation article's text, each buyer opening that article reads one of its two texts; with
// one on the late-delivery rule's reason, each buyer opening "Why am I seeing this?" reads one of its two
// wordings, and only those who open it are counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  AgentApi, SCREENSHOTS_DIR, TICKET_DESK_ARGS, Widget, articleTitle, contentWithExperiments, newPage, setup, until,
} from './harness.mjs';
import { Console, addAgent } from './console-harness.mjs';

const content = contentWithExperiments(`
[[experiment]]
id = "late-order-article"
audience = "buyer"
surfaces = ["order"]
split = [50, 50]
planned_units = 2000
primary = "resolved"
guardrails = [{ metric = "tickets" }]
change = { kind = "rule_article", rule = "late-delivery", variants = ["late-delivery", "order-status"] }

[[experiment]]
id = "late-reason"
audience = "buyer"
surfaces = ["order"]
split = [50, 50]
planned_units = 2000
primary = "resolved"
change = { kind = "rule_reason", rule = "late-delivery", reasons = [
  "{order.id} should have reached you on {order.promised_by|date}: {order.promised_by|days_since} days ago.",
] }

[[experiment]]
id = "cancel-text"
audience = "buyer"
split = [50, 50]
planned_units = 2000
primary = "resolved"
change = { kind = "article_text", article = "cancel-order", texts = ["cancel-order-steps"] }
`);
// The text is written in every language the article is, as the desk requires.
const CANCEL_STEPS = 'Cancel in two steps';
for (const language of ['', 'es', 'ar']) {
  const folder = path.join(content, 'variants', language);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'cancel-order-steps.md'), `---
id: cancel-order-steps
title: "${CANCEL_STEPS}"
locale: ${language || 'en'}
---

1. Open the order. 2. Choose **Cancel order** while it has not shipped.
`);
}
const env = setup({ content, args: [...TICKET_DESK_ARGS, '--report-min-users', '1'] });
const BUYERS = 24;

/** The exposures the desk has counted so far in `experiment`, all variants together, and its report. */
async function exposures(experiment = 'late-order-article') {
  const report = (await new AgentApi(env.desk.url).ok('GET', '/v1/agent/insights/experiments')).experiments
    .find((e) => e.id === experiment);
  return [report.variants.reduce((sum, v) => sum + (v.exposed.count ?? 0), 0), report];
}

/**
 * One fresh buyer (no install id yet) on the order page: `act(widget)` once the widget is ready, then the page
 * is left, which sends what is pending by beacon, and the browser context closes only once `experiment` has
 * more exposures than `countedBefore` (closing it at once may cancel a beacon still queued, which no user's
 * browser does). What `act` returns.
 */
async function asBuyer(act, experiment, countedBefore) {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  try {
    await session.page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    const result = await act(widget);
    await session.page.goto('about:blank');
    try {
      await until(async () => (await exposures(experiment))[0] > countedBefore, `${experiment}'s exposure to reach the desk`, 30_000);
    } catch (err) {
      // What the page asked of the desk and said, to tell a lost beacon from a batch the desk refused.
      const asked = session.record.requests.filter((r) => r.url.includes('/v1/'))
        .map((r) => `${r.url.replace(env.desk.url, '')}${r.finished ? '' : ' (unfinished)'}`);
      err.message += `\nrequests: ${asked.join(', ')}\nconsole: ${JSON.stringify(session.record.console)}`;
      throw err;
    }
    return result;
  } finally {
    await session.close();
  }
}

/** The titles a buyer who opens the widget sees listed, once one of `wanted` is. */
async function listedTitles(widget, wanted) {
  await widget.open();
  await widget.suggestedSection().waitFor({ state: 'visible' });
  let titles = [];
  await until(async () => {
    titles = await widget.suggestionTitles();
    return titles.some((title) => wanted.includes(title));
  }, 'the late-order article or its variant to be listed', 30_000);
  return titles;
}

/** Checks that `experiment`'s report counts `seen` per variant, both read, and names its variants `names`. */
async function countedAsSeen(experiment, seen, names) {
  assert.ok(seen.every((count) => count > 0), `both variants read: ${seen}`);
  const [counted, report] = await exposures(experiment);
  assert.equal(counted, seen[0] + seen[1]);
  assert.deepEqual(report.variants.map((v) => v.exposed.count), seen, 'the desk counts what each reader read');
  assert.deepEqual(report.variants.map((v) => v.article), names);
}

test('an experiment on a rule\'s article shows both variants in their shares, and the desk counts what was shown', { timeout: 480_000 }, async () => {
  const [late, status] = [await articleTitle('late-delivery'), await articleTitle('order-status')];
  const seen = [0, 0];
  for (let buyer = 0; buyer < BUYERS; buyer += 1) {
    const titles = await asBuyer((widget) => listedTitles(widget, [late, status]), 'late-order-article', buyer);
    const showsLate = titles.includes(late);
    assert.notEqual(showsLate, titles.includes(status), `one of the two, never both: ${titles}`);
    // The variant takes the control's place: first, where the rule's article was.
    assert.equal(titles[0], showsLate ? late : status, `the rule's place: ${titles}`);
    seen[showsLate ? 0 : 1] += 1;
  }
  // 50/50 over 24 buyers: each side within 4 standard deviations (√6 ≈ 2.45) of 12.
  for (const count of seen) assert.ok(Math.abs(count - BUYERS / 2) <= 9.8, `shares ${seen}`);

  const [counted, report] = await exposures();
  assert.equal(counted, BUYERS, 'one exposure per buyer');
  assert.deepEqual(report.variants.map((v) => v.exposed.count), seen, 'the desk counts what each page showed');
  assert.deepEqual(report.variants.map((v) => v.article), ['late-delivery', 'order-status']);
  assert.equal(report.running, true);
  assert.equal(report.verdict.kind, 'no_difference_yet', 'no votes, no difference');
  assert.equal(report.audit[0]?.action, 'started');
});

test('an experiment on an article\'s text gives each buyer one of its texts, and the desk counts who read which', { timeout: 480_000 }, async () => {
  const own = await articleTitle('cancel-order');
  const seen = [0, 0];
  for (let buyer = 0; buyer < 12; buyer += 1) {
    const title = await asBuyer(async (widget) => {
      await widget.call('showArticle', 'cancel-order');
      await widget.articleHeading().waitFor({ state: 'visible', timeout: 30_000 });
      // The first title shown is the reader's text: the article waits for the variant, never swaps.
      const shown = (await widget.articleHeading().textContent()).trim();
      const body = await widget.articleBody().textContent();
      assert.equal(body.includes('Choose Cancel order while it has not shipped'), shown === CANCEL_STEPS,
        `the body goes with the title: ${body.slice(0, 80)}`);
      return shown;
    }, 'cancel-text', buyer);
    assert.ok([own, CANCEL_STEPS].includes(title), `one of the two texts: ${title}`);
    seen[title === own ? 0 : 1] += 1;
  }
  // 12 fair draws: both texts read (all one side has a chance of 1 in 2,048).
  await countedAsSeen('cancel-text', seen, ['own text', 'cancel-order-steps']);
});

test('an article opened before the site\'s settings have come still waits for the reader\'s text, and counts the reader', { timeout: 120_000 }, async () => {
  const own = await articleTitle('cancel-order');
  const [countedBefore] = await exposures('cancel-text');
  const session = await newPage(env.browser);
  const { page } = session;
  const widget = new Widget(page);
  try {
    // As on a slow network where the smaller answer wins: the site's settings come only after the article.
    let articleCame;
    const article = new Promise((resolve) => { articleCame = resolve; });
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/v1/articles/cancel-order') articleCame();
    });
    await page.route((url) => url.pathname === '/v1/site', async (route) => {
      await article;
      await route.continue();
    });
    await page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.call('showArticle', 'cancel-order');
    await widget.articleHeading().waitFor({ state: 'visible', timeout: 30_000 });
    const title = (await widget.articleHeading().textContent()).trim();
    assert.ok([own, CANCEL_STEPS].includes(title), `one of the two texts: ${title}`);
    await page.goto('about:blank');
    await until(async () => (await exposures('cancel-text'))[0] > countedBefore,
      'the reader\'s exposure to reach the desk', 30_000);
  } finally {
    await session.close();
  }
});

test('an experiment on a rule\'s reason gives each buyer who asks "Why am I seeing this?" one of its wordings, and counts only them', { timeout: 480_000 }, async () => {
  const track = await articleTitle('track-order');
  const own = /hasn't been delivered yet/;
  const variant = /should have reached you on .+: \d+ days ago\./;
  const seen = [0, 0];
  // The list alone exposes the article's experiment, not the reason's: nobody has read a reason yet.
  const [listedBefore] = await exposures();
  await asBuyer((widget) => listedTitles(widget, [track]), 'late-order-article', listedBefore);
  assert.equal((await exposures('late-reason'))[0], 0, 'no reason read, no exposure');
  for (let buyer = 0; buyer < 12; buyer += 1) {
    const text = await asBuyer(async (widget) => {
      await listedTitles(widget, [track]);
      const item = await widget.suggestion(track);
      await item.why.click();
      await item.explanation.waitFor({ state: 'visible', timeout: 30_000 });
      return item.explanation.locator('.sp-explanation__text').first().textContent();
    }, 'late-reason', buyer);
    assert.notEqual(own.test(text), variant.test(text), `one of the two wordings: ${text}`);
    assert.match(text, /^Order \S+|^\S+ should/, 'rendered with the order\'s facts');
    seen[own.test(text) ? 0 : 1] += 1;
  }
  // 12 fair draws: both wordings read (all one side has a chance of 1 in 2,048).
  await countedAsSeen('late-reason', seen,
    ['own words', '{order.id} should have reached you on {order.promised_by|date}: {order.promised_by|days_since} days ago.']);
});

// After the first test (the tests of a file share one desk): its exposures are counted by now.
test('the console\'s Insights page shows the experiment: each variant\'s exposures as the desk counts them, and its verdict', { timeout: 120_000 }, async () => {
  const report = (await new AgentApi(env.desk.url).ok('GET', '/v1/agent/insights/experiments')).experiments
    .find((experiment) => experiment.id === 'late-order-article');
  assert.ok(report, 'the desk reports the experiment');
  const exposed = report.variants.map((v) => v.exposed.count);
  assert.ok(exposed.every((count) => count > 0), `both variants exposed: ${exposed}`);

  await addAgent(env.desk, { name: 'Eve Experimenter', email: 'eve@example.com' });
  const session = await newPage(env.browser);
  try {
    const console = new Console(session.page, env.desk.url);
    await console.open();
    await console.signIn('eve@example.com');
    // By the navigation, as an agent would (the page has none of the inbox's marks `open` waits for).
    await console.byId('nav-insights').click();
    const experiment = session.page.getByTestId('experiment-late-order-article');
    await experiment.waitFor({ state: 'visible', timeout: 30_000 });
    const rows = experiment.getByTestId('experiment-variant-row');
    assert.equal(await rows.count(), 2);
    const shown = await rows.getByTestId('exposed').allTextContents();
    assert.deepEqual(shown.map((text) => Number(text.trim())), exposed, 'the exposures the desk counted');
    assert.deepEqual((await rows.getByTestId('article').allTextContents()).map((text) => text.trim()),
      ['late-delivery', 'order-status']);
    const verdict = experiment.getByTestId('experiment-verdict');
    assert.equal(await verdict.getAttribute('data-verdict'), 'no_difference_yet');
    assert.match(await verdict.textContent(), /No difference yet/);
    assert.equal(await experiment.getByTestId('experiment-status').getAttribute('data-running'), 'true');
    assert.match(await experiment.getByTestId('experiment-status').textContent(), /article the rule “late-delivery” suggests/);
    assert.match(await session.page.getByTestId('experiment-cancel-text').getByTestId('experiment-status').textContent(),
      /text of the article “cancel-order”/, 'each experiment says what it varies');
    assert.equal(await experiment.getByTestId('experiment-comparison').count(), 2, 'variant 1 on the primary and the guardrail');
    assert.equal(await experiment.getByTestId('experiment-sample-ratio').getAttribute('data-mismatch'), 'false');
    assert.equal(await experiment.getByTestId('experiment-audit-entry').first().getAttribute('data-action'), 'started');
    await console.audit('experiments');
    await session.page.getByTestId('insights-experiments')
      .screenshot({ path: path.join(SCREENSHOTS_DIR, 'console-experiments.png') });
  } finally {
    await session.close();
  }
});
