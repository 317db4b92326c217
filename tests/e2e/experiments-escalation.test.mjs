// The experiment on an escalation criterion (run on a copy of the content folder): tickets about an order come
// first from 20 % of the large-order thresholds in variant 1 (100 EUR: the demo order's 129.50 EUR is large
// there), from the thresholds themselves (500 EUR) in the control. Fresh buyers on the demo order page file a
// request through the widget; the desk raises exactly the tickets of variant 1 and counts each filer once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentApi, TICKET_DESK_ARGS, Widget, contentWithExperiments, newPage, setup, until } from './harness.mjs';

const EXPERIMENT = 'large-orders-sooner';
const content = contentWithExperiments(`
[[experiment]]
id = "${EXPERIMENT}"
audience = "buyer"
surfaces = ["order"]
split = [50, 50]
planned_units = 2000
primary = "unsatisfied"
change = { kind = "large_order", percents = [20] }
`);
const env = setup({ content, args: [...TICKET_DESK_ARGS, '--report-min-users', '1'] });

/** The experiment's report. */
async function report() {
  const { experiments } = await new AgentApi(env.desk.url).ok('GET', '/v1/agent/insights/experiments');
  return experiments.find((e) => e.id === EXPERIMENT);
}

/**
 * One fresh buyer on the demo order page filing a request: the variant the desk gave them (as the contact view
 * received it) and the ticket as an agent reads it.
 */
async function buyerFiles(n) {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  try {
    await session.page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.open();
    const assigned = session.page.waitForResponse((r) => r.url().endsWith('/v1/experiments/assignment'));
    await widget.openContact();
    const { variations } = await (await assigned).json();
    const variation = variations.find((v) => v.experiment === EXPERIMENT);
    assert.ok(variation, `buyer ${n} is in the experiment: ${JSON.stringify(variations)}`);
    await widget.fillContact({
      topic: 'order-not-arrived',
      message: `My parcel has not arrived and the tracking has not moved for a week (buyer ${n}).`,
      email: `buyer-${n}@example.com`,
    });
    await widget.sendRequestButton().click();
    const id = await widget.waitForSent(30_000);
    const ticket = await new AgentApi(env.desk.url).ok('GET', `/v1/agent/tickets/${id}`);
    return { variant: variation.variant, ticket };
  } finally {
    await session.close();
  }
}

test('each buyer\'s ticket is triaged by their variant of the large-order criterion, and the desk counts them', { timeout: 480_000 }, async () => {
  const seen = [0, 0];
  for (let n = 0; n < 10; n += 1) {
    const { variant, ticket } = await buyerFiles(n);
    const large = ticket.triage_reasons.find((reason) => reason.code === 'large_order');
    if (variant === 1) {
      assert.deepEqual(large, { code: 'large_order', amount: 129.5, currency: 'EUR', threshold: 100 }, ticket.id);
      assert.equal(ticket.priority, 'high', ticket.id);
    } else {
      assert.equal(large, undefined, `${ticket.id} is triaged as before`);
    }
    seen[variant] += 1;
  }
  // 10 fair draws: both variants met (all one side has a chance of 1 in 512).
  assert.ok(seen.every((count) => count > 0), `both variants: ${seen}`);
  await until(async () => (await report()).variants.reduce((sum, v) => sum + (v.exposed.count ?? 0), 0) === 10,
    'the desk to count every filer', 30_000);
  const found = await report();
  assert.deepEqual(found.variants.map((v) => v.exposed.count), seen, 'the desk counts each variant\'s filers');
  assert.deepEqual(found.variants.map((v) => v.article), ['100 %', '20 %']);
});
