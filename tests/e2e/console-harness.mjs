// The support team's console as tests drive it: agents made with the desk's own `agents add`, and a page object
// for /console/ (found by the `data-testid`s console/README.md lists).
import { execFile } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { DESK_BIN } from './harness.mjs';

/** The password every test agent gets (long enough for the desk's rule). */
export const AGENT_PASSWORD = 'correct horse battery staple';

/**
 * Adds an agent to the desk's database with `signpost-desk agents add --password-stdin`, as an operator would.
 * Resolves once the command has finished.
 */
export function addAgent(desk, { name, email, role = 'agent', password = AGENT_PASSWORD }) {
  return new Promise((resolve, reject) => {
    const child = execFile(
      DESK_BIN,
      ['agents', 'add', '--database', desk.database, '--name', name, '--email', email, '--role', role, '--password-stdin'],
      { env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`agents add ${email}: ${err.message}\n${stderr}`)) : resolve(stdout)),
    );
    child.stdin.end(password);
  });
}

/** Runs `signpost-desk agents <args…>` on the desk's database; resolves to its standard output. */
export function agentsCommand(desk, ...args) {
  return new Promise((resolve, reject) => {
    execFile(
      DESK_BIN,
      ['agents', ...args, '--database', desk.database],
      { env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`agents ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout.trim())),
    );
  });
}

/** The console in one browser page. */
export class Console {
  constructor(page, deskUrl) {
    this.page = page;
    this.deskUrl = deskUrl;
  }

  byId(id) {
    return this.page.getByTestId(id);
  }

  /** Opens /console/ (optionally `#/…`) and waits until the app has drawn either the sign-in form or the inbox. */
  async open(hash = '', query = '') {
    await this.page.goto(`${this.deskUrl}/console/${query}${hash}`);
    await this.page.locator('[data-testid="sign-in-form"], [data-testid="views"], [data-testid="ticket-subject"]')
      .first().waitFor({ timeout: 30_000 });
  }

  /** Signs in through the form and waits until the form has given way to the console. */
  async signIn(email, password = AGENT_PASSWORD) {
    await this.byId('sign-in-email').fill(email);
    await this.byId('sign-in-password').fill(password);
    await this.byId('sign-in-submit').click();
    await this.byId('sign-in-form').waitFor({ state: 'detached', timeout: 20_000 });
  }

  /** The inbox rows' ticket ids, in order. */
  rowIds() {
    return this.byId('ticket-row').evaluateAll((rows) => rows.map((row) => row.dataset.ticketId));
  }

  row(id) {
    return this.page.locator(`[data-testid="ticket-row"][data-ticket-id="${id}"]`);
  }

  /** The count shown beside a view (`all`, `mine`, `payments`, …). */
  async viewCount(view) {
    const shown = this.byId(`view-${view}`).getByTestId('count').locator('[aria-hidden="true"]');
    return Number((await shown.textContent()).trim());
  }

  /** Opens ticket `id` from its row, as a mouse user would, and waits for its thread. */
  async openTicket(id) {
    await this.row(id).getByRole('link').click();
    await this.byId('ticket-id').filter({ hasText: id }).waitFor({ timeout: 20_000 });
    await this.byId('message').first().waitFor();
  }

  /** The thread as `{ author, internal, body }`, oldest first. */
  messages() {
    return this.byId('message').evaluateAll((items) => items.map((item) => ({
      author: item.dataset.author,
      internal: item.dataset.internal === 'true',
      text: item.textContent,
    })));
  }

  /** Writes `text` in the composer (reply or, with `note`, an internal note) and sends it. */
  async write(text, { note = false } = {}) {
    await this.byId(note ? 'note-toggle' : 'reply-toggle').click();
    await this.byId('composer-body').fill(text);
    await this.byId('send-button').click();
  }

  /** Waits for a message containing `text` in the thread. */
  async waitForMessage(text, timeout = 20_000) {
    await this.byId('message').filter({ hasText: text }).first().waitFor({ timeout });
  }

  /**
   * axe-core with every rule (WCAG 2.0–2.2 A and AA and best practices) on the whole console page; fails with
   * each violation's rule and nodes.
   */
  async audit(state) {
    const result = await new AxeBuilder({ page: this.page }).analyze();
    const checked = result.passes.reduce((n, rule) => n + rule.nodes.length, 0);
    assert.ok(checked > 0, `axe checked nothing in the console (${state})`);
    const lines = result.violations.flatMap((v) => [
      `${v.id} (${v.impact}): ${v.help}`,
      ...v.nodes.map((node) => `    at ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`),
    ]);
    assert.equal(result.violations.length, 0, `axe found violations in the console (${state}):\n${lines.join('\n')}`);
  }
}
