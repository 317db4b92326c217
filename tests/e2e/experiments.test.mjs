// Experiments end to end: with an experiment on the late-delivery rule's article (run on a copy of the content
// folder), fresh buyers on the demo order page each see one of the two articles where the rule puts it, in
// about the planned shares, never a flash of the other; the desk counts exactly the exposures the pages showed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AgentApi, ROOT, SCREENSHOTS_DIR, TICKET_DESK_ARGS, Widget, articleTitle, newPage, setup, until } from './harness.mjs';
import { Console, addAgent } from './console-harness.mjs';

const content = fs.mkdtempSync(path.join(os.tmpdir(), 'signpost-experiments-'));
fs.cpSync(path.join(ROOT, 'content'), content, { recursive: true });
fs.appendFileSync(path.join(content, 'experiments.toml'), `
[[experiment]]
id = "late-order-article"
audience = "buyer"
surfaces = ["order"]
split = [50, 50]
planned_units = 2000
primary = "resolved"
guardrails = [{ metric = "tickets" }]
change = { kind = "rule_article", rule = "late-delivery", variants = ["late-delivery", "order-status"] }
`);
const env = setup({ content, args: [...TICKET_DESK_ARGS, '--report-min-users', '1'] });
const BUYERS = 24;

/** The exposures the desk has counted so far, all variants together, and the experiment's report. */
async function exposures() {
  const report = (await new AgentApi(env.desk.url).ok('GET', '/v1/agent/insights/experiments')).experiments[0];
  return [report.variants.reduce((sum, v) => sum + (v.exposed.count ?? 0), 0), report];
}

/**
 * One fresh buyer (no install id yet) opening the widget on the order page: the titles they saw. The page is
 * left before the batch timer fires, so the exposure goes by beacon; the browser context closes only once the
 * desk has counted it (closing it at once may cancel a beacon still queued, which no user's browser does).
 */
async function buyerTitles(wanted, countedBefore) {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  try {
    await session.page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.open();
    await widget.suggestedSection().waitFor({ state: 'visible' });
    let titles = [];
    await until(async () => {
      titles = await widget.suggestionTitles();
      return titles.some((title) => wanted.includes(title));
    }, 'the late-order article or its variant to be listed', 30_000);
    // Leaving the page sends what is pending, the exposure among it.
    await session.page.goto('about:blank');
    await until(async () => (await exposures())[0] > countedBefore, 'the exposure to reach the desk', 30_000);
    return titles;
  } finally {
    await session.close();
  }
}

test('an experiment on a rule\'s article shows both variants in their shares, and the desk counts what was shown', { timeout: 480_000 }, async () => {
  const [late, status] = [await articleTitle('late-delivery'), await articleTitle('order-status')];
  const seen = [0, 0];
  for (let buyer = 0; buyer < BUYERS; buyer += 1) {
    const titles = await buyerTitles([late, status], buyer);
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
