// Guided flows end to end: a buyer whose order is late is offered "Where is my order?" with its reason, walks it
// to a person, and files a ticket whose context (and the console) shows every answer; a seller whose ID document
// was rejected resolves through "My ID document was rejected", and the insights funnel counts it; a broken flow
// file is refused at load, named with its step, while the rest of the content serves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
  AgentApi, ROOT, TICKET_DESK_ARGS, Widget, articleTitle, newPage, setWidgetLocale, setup, until, widgetSettled,
} from './harness.mjs';
import { Console, addAgent } from './console-harness.mjs';

// A copy of the content folder with one broken flow beside the shipped ones.
const content = fs.mkdtempSync(path.join(os.tmpdir(), 'signpost-flows-'));
fs.cpSync(path.join(ROOT, 'content'), content, { recursive: true });
const broken = fs.readFileSync(path.join(content, 'flows', 'where-is-my-payout.toml'), 'utf8')
  .replace('id = "person"', 'id = "a-person"');
fs.writeFileSync(path.join(content, 'flows', 'broken-payout.toml'), broken);

const env = setup({ content, args: [...TICKET_DESK_ARGS, '--report-min-users', '1'] });
const AGENT = { name: 'Flo Agent', email: 'flo@example.com', role: 'agent' };
let agentAdded;

/** A console signed in as the agent (added once per desk), in its own browser context. */
async function agentConsole() {
  agentAdded ??= addAgent(env.desk, AGENT);
  await agentAdded;
  const session = await newPage(env.browser);
  const console = new Console(session.page, env.desk.url);
  return { session, console };
}

/** The flow view's parts. */
function flowView(widget) {
  const view = widget.panelElement().locator('.sp-flow');
  return {
    view,
    heading: view.locator(':scope > .sp-article__title'),
    progress: view.locator('.sp-flow__progress'),
    text: view.locator('.sp-flow__text').first(),
    button: (name) => widget.panel().getByRole('button', { name, exact: true }),
  };
}

test('a buyer with a late order walks "Where is my order?" to a person; the ticket and the console show every answer', { timeout: 240_000 }, async () => {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  try {
    await session.page.goto(`${env.desk.url}/demo/order`);
    await widget.ready();
    await widget.open();
    // The rule for late orders offers the flow first, with the same "Why am I seeing this?" as its articles.
    await until(async () => (await widget.flowTitles())[0] === 'Where is my order?', 'the flow to be offered', 30_000);
    await widget.waitForFirstSuggestion(await articleTitle('late-delivery'), 30_000);
    const listed = await widget.panelElement().locator('.sp-suggestions > .sp-suggestion .sp-suggestion__title').allTextContents();
    assert.equal(listed[0], 'Where is my order?', `the flow before the rule's articles: ${listed}`);
    const offered = await widget.suggestion('Where is my order?');
    await offered.why.click();
    assert.match(await offered.explanation.textContent(), /was due on .*days ago, and hasn't been delivered yet/);
    assert.match(await offered.explanation.textContent(), /Delivery promised by/, 'the fact behind it');

    await offered.open.click();
    const flow = flowView(widget);
    await flow.heading.filter({ hasText: 'Where is my order?' }).waitFor({ timeout: 30_000 });
    // The demo order is 3 days late and not delivered: the facts lead straight to opening a case.
    await until(async () => /was due on .*3 days ago\. You can now open a case/.test(await flow.text.textContent()),
      'the late-case answer, with the order\'s facts', 30_000);
    assert.match(await flow.progress.textContent(), /^Step 1 of up to \d+$/);
    assert.equal(await flow.progress.getAttribute('aria-live'), 'polite');
    await flow.button('Talk to a person').waitFor();
    // The answer's article is shown in place, without a second way back.
    await flow.view.locator('.sp-flow__article .sp-article__title').waitFor({ timeout: 30_000 });

    await flow.button('I still need help').click();
    // The hand-off opens the contact form on the flow's topic with the answers listed to send.
    await widget.sendRequestButton().waitFor({ timeout: 30_000 });
    assert.equal(await widget.topicSelect().inputValue(), 'order-not-arrived');
    const labels = await widget.consentLabels();
    assert.ok(labels.includes('Your answers in “Where is my order?”'), `consent lines: ${labels}`);
    assert.match(await widget.panelElement().locator('.sp-contact__note').textContent(), /answers so far are added/);

    await widget.fillContact({ message: 'Still nothing, and the tracking has not moved.', email: 'buyer@example.com' });
    await widget.sendRequestButton().click();
    const id = await widget.waitForSent(30_000);

    const api = new AgentApi(env.desk.url);
    const ticket = await api.ok('GET', `/v1/agent/tickets/${id}`);
    const pathTaken = ticket.context.flow_path;
    assert.equal(pathTaken.flow, 'where-is-my-order');
    assert.equal(pathTaken.version, 1);
    assert.deepEqual(pathTaken.steps.map((s) => [s.step, s.event]), [
      ['start', 'branched'],
      ['order-check', 'branched'],
      ['late-case', 'not_solved'],
    ]);
    assert.equal(pathTaken.steps[2].article, 'open-dispute');
    assert.ok(pathTaken.steps[1].facts.some((fact) => fact.path === 'order.promised_by'), 'the facts that decided it');

    // The agent sees the way the buyer took without asking.
    const { session: agentSession, console: agent } = await agentConsole();
    try {
      await agent.open();
      await agent.signIn(AGENT.email);
      await agent.openTicket(id);
      const seen = agent.byId('seen-flow');
      await seen.waitFor({ timeout: 20_000 });
      assert.match(await seen.textContent(), /where-is-my-order \(v1\)/);
      const steps = await seen.getByTestId('flow-step').evaluateAll((items) => items.map((li) => li.dataset.event));
      assert.deepEqual(steps, ['branched', 'branched', 'not_solved']);
    } finally {
      await agentSession.close();
    }
  } finally {
    await session.close();
  }
});

test('a seller whose ID was rejected resolves through the flow, step by step, and the funnel counts it', { timeout: 180_000 }, async () => {
  const session = await newPage(env.browser);
  const api = new AgentApi(env.desk.url);
  let report;
  const widget = new Widget(session.page);
  try {
    await session.page.goto(`${env.desk.url}/demo/onboarding`);
    await widget.ready();
    await widget.open();
    await until(async () => (await widget.flowTitles())[0] === 'My ID document was rejected', 'the flow to be offered', 30_000);
    await (await widget.suggestion('My ID document was rejected')).open.click();
    const flow = flowView(widget);
    // The blocker on the page skips the question about what the dashboard shows.
    await until(async () => /Which reason does Action needed show\?/.test(await flow.text.textContent()),
      'the question about the rejection\'s reason', 30_000);
    assert.match(await flow.progress.textContent(), /^Step 1 of up to \d+$/);
    await flow.button('Blurry, too dark, glare or cropped').click();
    await until(async () => /Take fresh photos/.test(await flow.text.textContent()), 'the answer about photos', 30_000);
    assert.match(await flow.progress.textContent(), /^Step 2 of up to \d+$/);
    // Keyboard and screen reader users land on the new step.
    assert.equal(await widget.focusedClass(), 'sp-flow__step');

    // Back returns to the question; the same answer leads to the same step again.
    await flow.button('Previous step').click();
    await until(async () => /Which reason/.test(await flow.text.textContent()), 'the question again', 30_000);
    await flow.button('Blurry, too dark, glare or cropped').click();
    await until(async () => /Take fresh photos/.test(await flow.text.textContent()), 'the answer again', 30_000);

    // Its page action is the host page's to carry out: the widget says which.
    const clicked = session.page.evaluate(() => new Promise((resolve) => {
      window.Signpost('on', 'suggestion:clicked', (detail) => resolve(detail));
    }));
    await flow.button('Resubmit your ID').click();
    assert.deepEqual(await clicked, { action: 'onboarding_step', step: 'identity_verification', source: 'flow' });

    await flow.button('This solved it').click();
    await widget.panelElement().locator('.sp-flow__end').waitFor();
    assert.equal(await flow.button('Talk to a person').count(), 0, 'a resolved flow is over');
    await session.page.goto('about:blank');
    // The page's context stays open until the desk has it: closing it would cancel a beacon still in flight.
    await until(async () => {
      report = await api.ok('GET', '/v1/agent/insights/flows');
      const version = report.flows?.find((f) => f.flow === 'id-document-rejected');
      return version?.steps?.some((s) => s.step === 'photo' && s.resolved?.count === 1);
    }, 'the flow report to count the resolution at the photo step', 60_000);
  } finally {
    await session.close();
  }

  const photo = report.flows.find((f) => f.flow === 'id-document-rejected').steps.find((s) => s.step === 'photo');
  assert.equal(photo.reached.count, 1, 'one seller reached the photo step (the second visit after Back is the same person)');

  // The console's Insights page: the seller's resolution in the funnel, apart from votes, and the flow's steps.
  const { session: agentSession, console: agent } = await agentConsole();
  try {
    await agent.open();
    await agent.signIn(AGENT.email);
    await agent.open('#/insights');
    const resolved = agent.byId('funnel-row-seller').getByTestId('resolved-in-flow');
    await until(async () => (await resolved.count()) > 0 && (await resolved.textContent()).trim() === '1',
      'the funnel to show one seller resolved in a guided flow', 30_000);
    const steps = agent.page.locator('[data-testid^="flow-id-document-rejected-v"]').getByTestId('flow-step-photo');
    await steps.waitFor({ timeout: 30_000 });
    assert.equal((await steps.getByTestId('resolved').textContent()).trim(), '1');
  } finally {
    await agentSession.close();
  }
});

test('a broken flow file is refused at load, with its file and step named, while the other flows serve', async () => {
  const log = env.desk.log();
  assert.match(log, /flow refused.*broken-payout\.toml: step `[a-z-]+`.*unknown step `person`/s);
  const missing = await fetch(`${env.desk.url}/v1/flows/broken-payout`);
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).code, 'not_found');
  const served = await fetch(`${env.desk.url}/v1/flows/where-is-my-payout`);
  assert.equal(served.status, 200);
  const site = await (await fetch(`${env.desk.url}/v1/site`)).json();
  assert.deepEqual(site.flows.map((f) => f.id).sort(), [
    'id-document-rejected', 'payment-failed', 'return-or-refund', 'where-is-my-order', 'where-is-my-payout',
  ]);
});

test('in Arabic the flow reads right to left in its own words, and axe finds no violation at a question or an answer', { timeout: 180_000 }, async () => {
  const session = await newPage(env.browser);
  const widget = new Widget(session.page);
  const audit = async (state) => {
    await widgetSettled(session.page);
    const result = await new AxeBuilder({ page: session.page }).include('signpost-widget').analyze();
    const found = result.violations.map((v) => `[${state}] ${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`);
    assert.deepEqual(found, [], found.join('\n'));
  };
  try {
    await session.page.goto(`${env.desk.url}/demo/onboarding`);
    await widget.ready();
    await setWidgetLocale(session.page, 'ar');
    await session.page.locator('signpost-widget .sp-launcher').click();
    const item = widget.panelElement().locator('li.sp-suggestion--flow', { hasText: 'تم رفض وثيقة هويتي' });
    await item.waitFor({ timeout: 30_000 });
    await item.locator('.sp-suggestion__open').click();
    const flow = flowView(widget);
    await until(async () => /ما السبب الذي يظهر/.test(await flow.text.textContent()), 'the Arabic question', 30_000);
    assert.match(await flow.progress.textContent(), /^الخطوة 1 من \d+ كحد أقصى$/);
    const direction = await flow.view.evaluate((el) => getComputedStyle(el).direction);
    assert.equal(direction, 'rtl');
    await audit('question');
    await flow.view.getByRole('button', { name: 'غير واضحة أو مظلمة أو بها انعكاس أو مقصوصة' }).click();
    await until(async () => /التقط صورا جديدة/.test(await flow.text.textContent()), 'the Arabic answer', 30_000);
    await flow.view.locator('.sp-flow__article .sp-article__title').waitFor({ timeout: 30_000 });
    await audit('answer');
  } finally {
    await session.close();
  }
});
