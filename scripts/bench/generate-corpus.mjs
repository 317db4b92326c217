// Writes a synthetic help center of Markdown articles (default 20,000) for the search benchmarks: support topics
// (orders, payments, accounts, shipping, the app, integrations...), each article 150–600 words with front matter
// `id`, `title`, `summary`, `audience`, `tags`, in one subfolder per topic. Deterministic: a seeded PRNG, so the
// same seed and count always give the same files.
//
//   node scripts/bench/generate-corpus.mjs [dir] [--count N] [--seed S]
//
// dir defaults to $HOME/.cache/signpost-bench/corpus-20k. Idempotent: when dir already holds a corpus made with
// the same generator version, seed and count (its `.corpus.json` stamp and the file count agree), nothing is
// written. Otherwise the corpus is built next to dir and swapped in; an existing dir is only replaced if it is
// one of ours (has the stamp) or empty. Prints the folder on the last line of stdout.
//
// Also a module: `ensureCorpus({ dir, count, seed })` and `sampleQueries(n, seed)` (1–3 word queries, prefixes
// and typos drawn from the same vocabulary, for the latency benchmark).
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 1;
export const DEFAULT_COUNT = 20_000;
export const DEFAULT_SEED = 20261123;
export const DEFAULT_DIR = join(homedir(), '.cache', 'signpost-bench', 'corpus-20k');
const STAMP = '.corpus.json';

// ---------------------------------------------------------------------------------------------------------------
// PRNG: a 32-bit xorshift-multiply generator seeded through a string hash; plenty for picking words.

export function rng(seed) {
  let h = 2166136261 >>> 0;
  for (const ch of String(seed)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let state = h || 1;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    some(list, n) {
      const copy = [...list];
      const out = [];
      while (out.length < n && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary: per topic the things a help article is about, what users do to them, what goes wrong, where in the
// product it happens, and a few topic words for prose.

const TOPICS = [
  {
    slug: 'orders', name: 'Orders', audience: 'buyer',
    objects: ['order', 'order confirmation', 'order history', 'pre-order', 'bulk order', 'gift order', 'order number', 'invoice'],
    actions: ['cancel', 'track', 'edit', 'reorder', 'split', 'find', 'download', 'print'],
    problems: ['is stuck in processing', 'was cancelled automatically', 'is missing from my account', 'shows the wrong total', 'has a duplicate charge', 'did not arrive'],
    places: ['Your orders', 'Order details', 'Purchase history', 'Order summary'],
    words: ['seller', 'checkout', 'cart', 'quantity', 'status', 'confirmation email', 'receipt', 'dispatch'],
  },
  {
    slug: 'payments', name: 'Payments', audience: 'buyer',
    objects: ['credit card', 'debit card', 'PayPal account', 'gift card', 'store credit', 'bank transfer', 'payment method', 'Apple Pay', 'Google Pay', 'instalment plan'],
    actions: ['add', 'remove', 'update', 'verify', 'set as default', 'pay with', 'redeem', 'replace'],
    problems: ['was declined', 'is charged twice', 'keeps failing at checkout', 'asks for 3-D Secure every time', 'shows a pending charge', 'expired'],
    places: ['Payment methods', 'Wallet', 'Checkout', 'Billing settings'],
    words: ['bank', 'authorisation', 'issuer', 'currency', 'statement', 'CVC', 'billing address', 'fraud check'],
  },
  {
    slug: 'billing', name: 'Billing and subscriptions', audience: 'all',
    objects: ['subscription', 'plan', 'invoice', 'VAT number', 'billing address', 'free trial', 'annual plan', 'promo code', 'tax receipt'],
    actions: ['upgrade', 'downgrade', 'cancel', 'renew', 'pause', 'change', 'apply', 'download'],
    problems: ['renewed without warning', 'shows the wrong tax', 'was not applied', 'cannot be cancelled', 'is overdue', 'charged after cancelling'],
    places: ['Billing', 'Plans and pricing', 'Invoices', 'Subscription settings'],
    words: ['renewal date', 'proration', 'refund', 'billing cycle', 'seat', 'tax', 'credit note', 'grace period'],
  },
  {
    slug: 'shipping', name: 'Shipping and delivery', audience: 'buyer',
    objects: ['parcel', 'delivery address', 'tracking number', 'shipping label', 'pickup point', 'courier', 'customs declaration', 'express delivery'],
    actions: ['track', 'change', 'reschedule', 'redirect', 'collect', 'upgrade', 'confirm', 'report'],
    problems: ['is late', 'shows delivered but is not here', 'is held at customs', 'was returned to sender', 'has no tracking updates', 'arrived damaged'],
    places: ['Track package', 'Delivery options', 'Addresses', 'Shipping settings'],
    words: ['carrier', 'estimated delivery', 'signature', 'neighbour', 'depot', 'import duty', 'postcode', 'weekend delivery'],
  },
  {
    slug: 'returns', name: 'Returns and refunds', audience: 'buyer',
    objects: ['return', 'refund', 'exchange', 'return label', 'damaged item', 'wrong item', 'return window', 'restocking fee'],
    actions: ['start', 'request', 'track', 'cancel', 'print', 'drop off', 'dispute', 'extend'],
    problems: ['has not been refunded', 'was rejected', 'is only partially refunded', 'label does not print', 'is past the return window', 'is stuck in review'],
    places: ['Returns centre', 'Your orders', 'Refund status', 'Resolution centre'],
    words: ['original payment method', 'inspection', 'condition', 'receipt', 'proof of postage', 'warehouse', 'buyer protection', 'claim'],
  },
  {
    slug: 'account', name: 'Account and profile', audience: 'all',
    objects: ['account', 'email address', 'password', 'username', 'profile photo', 'phone number', 'language', 'time zone', 'display name'],
    actions: ['change', 'reset', 'delete', 'recover', 'merge', 'verify', 'update', 'deactivate'],
    problems: ['is locked', 'cannot sign in', 'did not get the verification email', 'was deleted by mistake', 'shows someone else\'s name', 'keeps logging me out'],
    places: ['Account settings', 'Profile', 'Sign-in page', 'Personal details'],
    words: ['login', 'verification code', 'session', 'browser', 'cookie', 'inbox', 'spam folder', 'recovery link'],
  },
  {
    slug: 'security', name: 'Security and privacy', audience: 'all',
    objects: ['two-factor authentication', 'authenticator app', 'backup codes', 'passkey', 'security key', 'trusted device', 'login alert', 'personal data', 'data export'],
    actions: ['turn on', 'turn off', 'set up', 'reset', 'revoke', 'request', 'review', 'report'],
    problems: ['code is not accepted', 'lost my phone', 'got a suspicious email', 'see a login I do not recognise', 'was hacked', 'SMS code never arrives'],
    places: ['Security settings', 'Privacy centre', 'Devices', 'Sign-in and security'],
    words: ['phishing', 'GDPR', 'encryption', 'session', 'IP address', 'one-time code', 'recovery', 'consent'],
  },
  {
    slug: 'sellers', name: 'Selling', audience: 'seller',
    objects: ['listing', 'product photo', 'inventory', 'shop', 'shipping profile', 'variation', 'price', 'discount', 'sales report'],
    actions: ['create', 'edit', 'renew', 'deactivate', 'import', 'bulk edit', 'promote', 'duplicate'],
    problems: ['is not showing in search', 'was removed for a policy violation', 'has the wrong stock count', 'photo upload fails', 'sold out by mistake', 'is stuck in review'],
    places: ['Seller dashboard', 'Listings', 'Shop manager', 'Inventory'],
    words: ['SKU', 'category', 'marketplace', 'buyer', 'visibility', 'search ranking', 'CSV file', 'policy'],
  },
  {
    slug: 'payouts', name: 'Payouts and fees', audience: 'seller',
    objects: ['payout', 'bank account', 'seller fee', 'payout schedule', 'reserve', 'tax form', '1099-K', 'balance', 'currency conversion'],
    actions: ['change', 'verify', 'withdraw', 'schedule', 'add', 'download', 'estimate', 'release'],
    problems: ['is on hold', 'did not arrive', 'is smaller than expected', 'was sent to the wrong account', 'failed', 'is delayed'],
    places: ['Payments dashboard', 'Payout settings', 'Finances', 'Tax information'],
    words: ['transaction fee', 'IBAN', 'routing number', 'verification', 'KYC', 'chargeback', 'settlement', 'business day'],
  },
  {
    slug: 'onboarding', name: 'Getting started', audience: 'seller',
    objects: ['seller account', 'identity document', 'business details', 'store name', 'first listing', 'verification', 'tax ID', 'proof of address'],
    actions: ['open', 'submit', 'resubmit', 'verify', 'set up', 'complete', 'upload', 'edit'],
    problems: ['was rejected', 'is taking too long', 'photo is blurry', 'document has expired', 'name does not match', 'cannot be completed'],
    places: ['Seller onboarding', 'Verification centre', 'Business profile', 'Getting started checklist'],
    words: ['passport', 'driving licence', 'company registration', 'selfie', 'review', 'compliance', 'utility bill', 'beneficial owner'],
  },
  {
    slug: 'app', name: 'Mobile app', audience: 'all',
    objects: ['mobile app', 'iPhone app', 'Android app', 'push notification', 'app update', 'offline mode', 'dark mode', 'widget', 'camera access'],
    actions: ['install', 'update', 'reinstall', 'turn on', 'turn off', 'clear the cache of', 'sign in to', 'log out of'],
    problems: ['keeps crashing', 'will not open', 'is slow', 'shows a blank screen', 'does not sync', 'drains the battery'],
    places: ['App settings', 'Notifications', 'App Store', 'Google Play'],
    words: ['iOS', 'Android', 'tablet', 'version', 'storage', 'permissions', 'Wi-Fi', 'mobile data'],
  },
  {
    slug: 'notifications', name: 'Notifications and email', audience: 'all',
    objects: ['email notification', 'newsletter', 'SMS alert', 'push notification', 'order update', 'price alert', 'digest email', 'marketing email'],
    actions: ['turn off', 'turn on', 'unsubscribe from', 'change', 'snooze', 'filter', 'resend', 'manage'],
    problems: ['keeps arriving after unsubscribing', 'goes to spam', 'never arrives', 'arrives twice', 'is in the wrong language', 'links do not work'],
    places: ['Notification settings', 'Email preferences', 'Communication preferences', 'Inbox'],
    words: ['sender', 'frequency', 'opt-out', 'mailing list', 'email client', 'whitelist', 'domain', 'bounce'],
  },
  {
    slug: 'integrations', name: 'Integrations and API', audience: 'seller',
    objects: ['API key', 'webhook', 'Shopify integration', 'WooCommerce plugin', 'Zapier connection', 'OAuth app', 'CSV import', 'accounting export', 'rate limit'],
    actions: ['create', 'rotate', 'connect', 'disconnect', 'test', 'configure', 'debug', 'retry'],
    problems: ['returns 401 Unauthorized', 'times out', 'stopped syncing', 'sends duplicate events', 'hits the rate limit', 'shows a signature mismatch'],
    places: ['Developer settings', 'Integrations', 'API dashboard', 'Connected apps'],
    words: ['endpoint', 'payload', 'JSON', 'token', 'scope', 'sandbox', 'retry policy', 'HTTP status'],
  },
  {
    slug: 'team', name: 'Team and permissions', audience: 'seller',
    objects: ['team member', 'role', 'permission', 'invitation', 'shared inbox', 'audit log', 'single sign-on', 'admin account'],
    actions: ['invite', 'remove', 'change', 'transfer', 'restrict', 'review', 'assign', 'resend'],
    problems: ['cannot accept the invitation', 'sees the wrong data', 'lost admin access', 'invite link expired', 'cannot be removed', 'is missing permissions'],
    places: ['Team settings', 'Members', 'Roles and permissions', 'Admin console'],
    words: ['owner', 'manager', 'viewer', 'access', 'SAML', 'workspace', 'seat', 'activity'],
  },
  {
    slug: 'reports', name: 'Reports and analytics', audience: 'seller',
    objects: ['sales report', 'traffic report', 'conversion rate', 'dashboard', 'export', 'custom report', 'date range', 'chart'],
    actions: ['export', 'schedule', 'filter', 'compare', 'share', 'download', 'customise', 'refresh'],
    problems: ['shows no data', 'does not match my bank statement', 'is out of date', 'export is empty', 'takes forever to load', 'shows the wrong currency'],
    places: ['Analytics', 'Reports', 'Stats', 'Insights'],
    words: ['metric', 'visitors', 'revenue', 'time zone', 'spreadsheet', 'trend', 'filter', 'segment'],
  },
  {
    slug: 'disputes', name: 'Disputes and safety', audience: 'all',
    objects: ['dispute', 'claim', 'chargeback', 'report', 'scam message', 'counterfeit item', 'blocked user', 'review'],
    actions: ['open', 'escalate', 'respond to', 'close', 'appeal', 'report', 'withdraw', 'upload evidence for'],
    problems: ['was decided against me', 'has no reply from the seller', 'is taking too long', 'was closed automatically', 'got a threatening message', 'contains false information'],
    places: ['Resolution centre', 'Messages', 'Trust and safety', 'Report a problem'],
    words: ['evidence', 'deadline', 'mediation', 'policy', 'tracking', 'photos', 'decision', 'appeal'],
  },
];

const PLATFORMS = ['on iPhone', 'on Android', 'on the website', 'in the app', 'on desktop', 'on a tablet', 'in Safari', 'in Chrome', 'in Firefox', 'outside the EU', 'in the UK', 'in the US', 'in Canada', 'in Australia', 'for business accounts', 'for new sellers', 'for guest checkout', 'while travelling'];

const TITLE_TEMPLATES = [
  (t, o, r) => `How do I ${r.pick(t.actions)} my ${o}?`,
  (t, o, r) => `How to ${r.pick(t.actions)} ${an(o)} ${r.pick(PLATFORMS)}`,
  (t, o, r) => `My ${o} ${r.pick(t.problems)}`,
  (t, o, r) => `Why my ${o} ${r.pick(t.problems)}`,
  (t, o, r) => `${cap(o)} ${r.pick(t.problems)} ${r.pick(PLATFORMS)}`,
  (t, o, r) => `Troubleshooting: ${o} ${r.pick(t.problems)}`,
  (t, o, r) => `Can I ${r.pick(t.actions)} ${an(o)} ${r.pick(PLATFORMS)}?`,
  (t, o, r) => `About the ${o} and the ${r.pick(t.words)}`,
  (t, o, r) => `What happens when I ${r.pick(t.actions)} my ${o}?`,
  (t, o, r) => `${cap(r.pick(t.actions))} your ${o} from ${r.pick(t.places)}`,
  (t, o, r) => `Understanding the ${r.pick(t.words)} for your ${o}`,
  (t, o, r) => `${cap(o)} FAQ: ${r.pick(t.words)} and ${r.pick(t.words)}`,
];

const OPENERS = [
  (t, o, r) => `This article explains how to ${r.pick(t.actions)} your ${o} and what to check when something goes wrong.`,
  (t, o, r) => `If your ${o} ${r.pick(t.problems)}, the steps below usually fix it in a few minutes.`,
  (t, o, r) => `You can manage your ${o} from ${bold(r.pick(t.places))} at any time, ${r.pick(PLATFORMS)} or ${r.pick(PLATFORMS)}.`,
  (t, o, r) => `Most questions about the ${o} come down to the ${r.pick(t.words)} or the ${r.pick(t.words)}. Here is how both work.`,
];

const FILLER = [
  (t, o, r) => `Changes to your ${o} usually take effect straight away, but the ${r.pick(t.words)} can take up to ${r.int(2, 10)} business days to update.`,
  (t, o, r) => `If you see an error message, note the exact wording and the time it happened before you contact support.`,
  (t, o, r) => `The ${r.pick(t.words)} is shown next to your ${o} in ${bold(r.pick(t.places))}.`,
  (t, o, r) => `We send a confirmation email once the ${o} is updated; check your spam folder if it does not arrive within ${r.int(5, 30)} minutes.`,
  (t, o, r) => `Some ${r.pick(t.words)} settings are only available ${r.pick(PLATFORMS)}.`,
  (t, o, r) => `For your security, we may ask you to confirm your identity before you ${r.pick(t.actions)} ${an(o)}.`,
  (t, o, r) => `If you ${r.pick(t.actions)} the ${o} by mistake, you have ${r.int(1, 30)} days to undo it.`,
  (t, o, r) => `Sellers and buyers see different options here: the ${r.pick(t.words)} only applies to ${t.audience === 'seller' ? 'seller accounts' : 'your own purchases'}.`,
  (t, o, r) => `The ${r.pick(t.words)} and the ${r.pick(t.words)} are checked automatically, so you rarely need to do anything yourself.`,
  (t, o, r) => `Clearing your browser cache or updating the app to the latest version solves many display problems with the ${o}.`,
  (t, o, r) => `You can find the full history of your ${o} under ${bold(r.pick(t.places))}, including every ${r.pick(t.words)}.`,
  (t, o, r) => `We keep records of your ${o} for ${r.int(2, 7)} years to meet legal requirements.`,
  (t, o, r) => `When the ${r.pick(t.words)} changes, the ${o} is recalculated and you get a notification.`,
  (t, o, r) => `Fees depend on your country and currency; the exact amount appears before you confirm.`,
  (t, o, r) => `If several people share the account, only the owner can ${r.pick(t.actions)} the ${o}.`,
];

const STEP = [
  (t, o, r) => `Go to ${bold(r.pick(t.places))}.`,
  (t, o, r) => `Select the ${o} you want to ${r.pick(t.actions)}.`,
  (t, o, r) => `Select ${bold(cap(r.pick(t.actions)))} and follow the prompts.`,
  (t, o, r) => `Check the ${r.pick(t.words)} and correct it if needed.`,
  (t, o, r) => `Enter the ${r.pick(t.words)} exactly as it appears on your ${r.pick(t.objects)}.`,
  (t, o, r) => `Select ${bold('Save')} and wait for the confirmation message.`,
  (t, o, r) => `Sign out, sign back in, and open ${bold(r.pick(t.places))} again.`,
  (t, o, r) => `Wait ${r.int(5, 60)} minutes, then refresh the page.`,
];

const HEADINGS = {
  before: ['Before you start', 'What you need', 'Check this first'],
  steps: ['Steps', 'How to do it', 'Step by step'],
  trouble: ['If it still does not work', 'Troubleshooting', 'Common problems', 'Still stuck?'],
  more: ['Good to know', 'More details', 'Notes'],
};

const an = (s) => `${/^[aeiou]/i.test(s) ? 'an' : 'a'} ${s}`;
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const bold = (s) => `**${s}**`;
const words = (s) => s.split(/\s+/).filter(Boolean).length;
const slugify = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).replace(/-$/, '');
const yamlString = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function article(n, r, titles) {
  const topic = r.pick(TOPICS);
  const object = r.pick(topic.objects);
  let title;
  for (let attempt = 0; ; attempt++) {
    title = r.pick(TITLE_TEMPLATES)(topic, object, r);
    if (attempt > 4) title += ` (${r.pick(PLATFORMS).replace(/^(on|in|for|outside|while) /, '')}, ${r.int(2, 99)})`;
    if (!titles.has(title)) break;
  }
  titles.add(title);
  const target = r.int(150, 580);
  const id = `${topic.slug}-${String(n).padStart(5, '0')}-${slugify(title)}`;
  const summary = r.pick(OPENERS)(topic, object, r);
  const tags = r.some([...topic.words, ...topic.objects], 3).map((tag) => slugify(tag));

  const parts = [];
  let count = 0;
  const add = (text) => { parts.push(text); count += words(text); };
  const paragraph = (n) => r.some(FILLER, n).map((sentence) => sentence(topic, object, r)).join(' ');
  const related = () => {
    const other = r.pick(TOPICS);
    return `[${cap(r.pick(other.actions))} ${an(r.pick(other.objects))}](/help/${other.slug})`;
  };

  add(`${summary} ${paragraph(r.int(1, 3))}`);
  if (r.chance(0.5)) add(`## ${r.pick(HEADINGS.before)}\n\n${r.some(topic.words, 3).map((w) => `- Your ${w} is up to date.`).join('\n')}`);
  add(`## ${r.pick(HEADINGS.steps)}\n\n${Array.from({ length: r.int(3, 6) }, (_, i) => `${i + 1}. ${r.pick(STEP)(topic, object, r)}`).join('\n')}`);
  while (count < target) {
    const kind = r.int(0, 5);
    if (kind === 0) add(`## ${r.pick(HEADINGS.trouble)}\n\n${cap(object)} ${r.pick(topic.problems)}? ${paragraph(r.int(2, 4))}`);
    else if (kind === 1) add(`## ${r.pick(HEADINGS.more)}\n\n${paragraph(r.int(2, 4))}`);
    else if (kind === 2) add(`> **Note:** ${r.pick(FILLER)(topic, object, r)}`);
    else if (kind === 3) add(r.some(FILLER, r.int(2, 4)).map((sentence) => `- ${sentence(topic, object, r)}`).join('\n'));
    else if (kind === 4) add(`See also: ${related()} and ${related()}.`);
    else add(paragraph(r.int(2, 5)));
  }
  // The last block may overshoot the budget: drop whole lines from the end while that keeps 150 words or more.
  const lines = parts.join('\n\n').split('\n');
  let total = count;
  while (total > target + 20 && lines.length > 4 && total - words(lines.at(-1)) >= 150) total -= words(lines.pop());
  while (lines.length > 4 && (!lines.at(-1).trim() || lines.at(-1).startsWith('#'))) lines.pop(); // no dangling heading
  const body = lines.join('\n').trimEnd();
  const front = [
    '---',
    `id: ${id}`,
    `title: ${yamlString(title)}`,
    `summary: ${yamlString(summary)}`,
    `audience: ${topic.audience}`,
    `tags: [${tags.join(', ')}]`,
    `updated: 2026-${String(r.int(1, 10)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
    '---',
    '',
  ].join('\n');
  return { folder: topic.slug, file: `${id}.md`, text: `${front}\n# ${title}\n\n${body}\n` };
}

function countMarkdown(dir) {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countMarkdown(join(dir, entry.name));
    else if (entry.name.endsWith('.md')) n++;
  }
  return n;
}

function readStamp(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, STAMP), 'utf8'));
  } catch {
    return null;
  }
}

/** Makes sure `dir` holds the corpus for (count, seed); returns { dir, generated, ms }. */
export function ensureCorpus({ dir = DEFAULT_DIR, count = DEFAULT_COUNT, seed = DEFAULT_SEED } = {}) {
  dir = resolve(dir);
  const started = performance.now();
  const want = { version: GENERATOR_VERSION, seed: String(seed), count };
  const stamp = existsSync(dir) ? readStamp(dir) : null;
  if (stamp && stamp.version === want.version && stamp.seed === want.seed && stamp.count === count && countMarkdown(dir) === count) {
    return { dir, generated: false, ms: performance.now() - started };
  }
  if (existsSync(dir) && !stamp && readdirSync(dir).length > 0) {
    throw new Error(`${dir} exists, is not empty and is not a generated corpus; refusing to replace it`);
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const r = rng(seed);
  const titles = new Set();
  const folders = new Set();
  for (let n = 1; n <= count; n++) {
    const a = article(n, r, titles);
    if (!folders.has(a.folder)) {
      mkdirSync(join(tmp, a.folder));
      folders.add(a.folder);
    }
    writeFileSync(join(tmp, a.folder, a.file), a.text);
  }
  writeFileSync(join(tmp, STAMP), `${JSON.stringify(want)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { dir, generated: true, ms: performance.now() - started };
}

// ---------------------------------------------------------------------------------------------------------------
// Queries for the latency benchmark: 1–3 words from the vocabulary, sometimes a prefix of the last word (as the
// widget sends while typing) or a typo (a dropped, doubled or swapped letter).

function typo(word, r) {
  if (word.length < 4) return word;
  const i = r.int(1, word.length - 2);
  switch (r.int(0, 2)) {
    case 0: return word.slice(0, i) + word.slice(i + 1);
    case 1: return word.slice(0, i) + word[i] + word.slice(i);
    default: return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  }
}

export function sampleQueries(n, seed = DEFAULT_SEED) {
  const r = rng(`queries-${seed}`);
  const plain = (s) => s.toLowerCase().replace(/[^a-z0-9' -]+/g, ' ').split(/\s+/).filter((w) => w.length > 1);
  const out = [];
  while (out.length < n) {
    const t = r.pick(TOPICS);
    const pool = [...plain(r.pick(t.objects)), ...plain(r.pick(t.words)), ...plain(r.pick(t.problems)).filter((w) => w.length > 3)];
    const length = r.int(1, 3);
    const q = r.some(pool.map((word, i) => [i, word]), length).sort((x, y) => x[0] - y[0]).map(([, word]) => word);
    const kind = r.next();
    if (kind < 0.25 && q.at(-1).length > 3) q[q.length - 1] = q.at(-1).slice(0, r.int(2, q.at(-1).length - 1));
    else if (kind < 0.45) {
      const i = r.int(0, q.length - 1);
      q[i] = typo(q[i], r);
    }
    out.push(q.join(' '));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let dir = DEFAULT_DIR;
  let count = DEFAULT_COUNT;
  let seed = DEFAULT_SEED;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--count') count = Number(args[++i]);
    else if (args[i] === '--seed') seed = args[++i];
    else if (args[i].startsWith('--')) {
      console.error(`usage: node scripts/bench/generate-corpus.mjs [dir] [--count N] [--seed S]`);
      process.exit(2);
    } else dir = args[i];
  }
  if (!Number.isInteger(count) || count < 1) {
    console.error('generate-corpus: --count must be a positive integer');
    process.exit(2);
  }
  try {
    const result = ensureCorpus({ dir, count, seed });
    console.error(result.generated
      ? `generated ${count} articles in ${(result.ms / 1000).toFixed(1)} s`
      : `corpus already there (${count} articles, seed ${seed}), nothing to do`);
    console.log(result.dir);
  } catch (err) {
    console.error(`generate-corpus: ${err.message}`);
    process.exit(1);
  }
}
