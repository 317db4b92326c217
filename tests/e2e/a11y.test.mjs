// Accessibility audit: axe-core, with every rule it has (WCAG 2.0/2.1/2.2 A and AA, and its best practices such as
// unique landmarks), finds no violation in the widget in any state a user can reach — closed, home, an open
// explanation, search results, an article, the status banner and view, the contact form with its errors, the
// confirmation, "Your requests" and a thread with an agent's reply — on every demo page, in English and in Arabic
// (right to left). Only the widget is audited (axe follows the open shadow root), not the demo page's own markup;
// the rules about the page as a whole (landmarks, headings) still see the widget beside it. A failure lists every
// violation with its rule, impact and the nodes to fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import {
  AGENT_TOKEN, DEMO_PAGES, TICKET_DESK_ARGS, Widget, describeErrors, newPage, runCli, setWidgetLocale, setup,
  widgetPart, widgetSettled,
} from './harness.mjs';

const env = setup({ args: TICKET_DESK_ARGS });

/** A query that finds help articles in each language, for buyers and sellers (the Arabic help center has its own). */
const QUERIES = { en: 'refund', ar: 'التحقق' };

/** axe's target for a node (an array of selectors, one per shadow root crossed) as one readable line. */
function target(node) {
  return node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ');
}

/** Every violation, readably: rule, impact, help, and each node's target, failure summary and markup. */
function describeViolations(audits) {
  const lines = [];
  for (const { state, violations } of audits) {
    for (const v of violations) {
      lines.push(`[${state}] ${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`);
      for (const node of v.nodes) {
        lines.push(`    at ${target(node)}`);
        lines.push(`       ${node.html.replace(/\s+/g, ' ').slice(0, 200)}`);
        for (const summary of (node.failureSummary ?? '').split('\n')) lines.push(`       ${summary.trim()}`);
      }
    }
  }
  return lines.join('\n');
}

/**
 * Audits the widget as it is now. Records the violations under `state` in `audits`; fails at once only if axe
 * looked at nothing (so a passing audit always means something was checked).
 */
async function audit(page, state, audits) {
  await widgetSettled(page);
  // No withTags: axe runs all its rules, best practices included.
  const result = await new AxeBuilder({ page }).include('signpost-widget').analyze();
  const checked = result.passes.reduce((n, rule) => n + rule.nodes.length, 0)
    + result.violations.reduce((n, rule) => n + rule.nodes.length, 0);
  assert.ok(checked > 0, `axe checked no node of the widget in state "${state}"`);
  audits.push({ state, violations: result.violations, incomplete: result.incomplete });
}

for (const surface of DEMO_PAGES) {
  for (const lang of ['en', 'ar']) {
    test(`axe (all rules) finds no violation in any state of the widget on /demo/${surface} (${lang})`, async (t) => {
      const { page, record, close } = await newPage(env.browser);
      const part = (name) => page.locator(widgetPart(name));
      const audits = [];
      let incident = null;
      try {
        await page.goto(`${env.desk.url}/demo/${surface}`);
        await new Widget(page).ready();
        if (lang !== 'en') await setWidgetLocale(page, lang);
        assert.equal(await page.locator('signpost-widget .sp-root').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');

        // Closed: the launcher alone.
        await part('launcher').waitFor({ state: 'visible' });
        await audit(page, 'closed (launcher only)', audits);

        // Open: search, suggestions, contact.
        await part('launcher').click();
        await part('panel').waitFor({ state: 'visible' });
        await part('why').first().waitFor({ state: 'visible' });
        await audit(page, 'home', audits);

        // "Why am I seeing this?" open.
        await part('why').first().click();
        assert.equal(await part('why').first().getAttribute('aria-expanded'), 'true');
        await part('explanation').first().waitFor({ state: 'visible' });
        await audit(page, 'home, explanation open', audits);

        // Search results, one of them active (aria-activedescendant).
        await part('search').fill(QUERIES[lang]);
        await part('result').first().waitFor({ state: 'visible' });
        await part('search').press('ArrowDown');
        assert.equal(await part('search').getAttribute('aria-activedescendant'), 'sp-result-0');
        await audit(page, 'search results', audits);

        // An article.
        await part('result').first().click();
        await part('articleTitle').waitFor({ state: 'visible' });
        await part('articleBody').waitFor({ state: 'visible' });
        await audit(page, 'article', audits);
        await part('back').click();
        await part('search').waitFor({ state: 'visible' });

        // Service status: an incident on every page, its banner, the launcher's badge, the status view.
        incident = await runCli(env.desk, AGENT_TOKEN, 'incident', 'open', '--component', 'Website', '--impact', 'major',
          '--message', 'Some pages load slowly; we are looking into it.', 'Slow pages');
        await part('banner').waitFor({ state: 'visible', timeout: 5_000 });
        await audit(page, 'home with a status banner', audits);
        await part('close').click();
        await part('panel').waitFor({ state: 'hidden' });
        await part('badge').waitFor({ state: 'visible', timeout: 5_000 });
        await audit(page, 'closed, launcher with status badge', audits);
        await part('launcher').click();
        await part('banner').locator('.sp-link-button').click();
        await part('statusView').locator('.sp-incident').first().waitFor({ state: 'visible' });
        await audit(page, 'status view', audits);
        await part('back').click();

        // Contact support, sent empty: the errors.
        await part('contactEntry').click();
        await part('send').waitFor({ state: 'visible' });
        await audit(page, 'contact form', audits);
        await part('send').click();
        await part('invalid').first().waitFor({ state: 'attached' });
        await part('fieldError').first().waitFor({ state: 'visible' });
        await audit(page, 'contact form with validation errors', audits);

        // Filed: the confirmation.
        await part('message').fill('My refund has not arrived yet.');
        await part('email').fill('lena@example.com');
        await part('send').click();
        await part('confirmation').waitFor({ state: 'visible', timeout: 10_000 });
        const id = (await part('confirmation').locator('.sp-banner__title').textContent()).match(/SP-\d+/)?.[0];
        assert.ok(id, 'the confirmation names the request');
        await audit(page, 'confirmation', audits);

        // Your requests, and the thread with the agent's reply.
        await part('confirmation').locator('.sp-link-button').click();
        await part('requests').waitFor({ state: 'visible' });
        await audit(page, 'your requests', audits);
        await part('requests').locator('.sp-suggestion__open', { hasText: id }).click();
        await part('thread').locator('.sp-message').first().waitFor({ state: 'visible' });
        await runCli(env.desk, AGENT_TOKEN, 'tickets', 'reply', id, 'We have sent the refund; it takes 3–5 days.');
        await part('thread').locator('.sp-message--agent').waitFor({ state: 'visible', timeout: 10_000 });
        await audit(page, 'thread with a reply', audits);

        // What axe could not decide (e.g. the contrast of a lone arrow glyph) is listed, not failed.
        const review = new Map();
        for (const { state, incomplete } of audits) {
          for (const rule of incomplete) {
            for (const node of rule.nodes) {
              const key = `${rule.id} at ${target(node)}`;
              review.set(key, [...(review.get(key) ?? []), state]);
            }
          }
        }
        for (const [key, states] of review) t.diagnostic(`needs review: ${key} (in: ${states.join(', ')})`);
        const count = audits.reduce((n, a) => n + a.violations.reduce((m, v) => m + v.nodes.length, 0), 0);
        assert.equal(
          count, 0,
          `axe found ${count} failing node(s) in the widget on /demo/${surface} (${lang}):\n${describeViolations(audits)}`,
        );
        assert.deepEqual(record.errors, [], describeErrors(record.errors));
      } finally {
        if (incident) await runCli(env.desk, AGENT_TOKEN, 'incident', 'resolve', incident).catch(() => {});
        await close();
      }
    });
  }
}
