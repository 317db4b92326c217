// TypeScript declarations for the page-facing Signpost API (`window.Signpost`), installed by
// `<script async src="https://DESK/widget/loader.js">`. Queue calls before the loader arrives with:
//   window.Signpost = window.Signpost || function () { (Signpost.q = Signpost.q || []).push(arguments); };
// Nothing here throws into the page: an unknown command or a bad argument logs a console warning instead.

export type Surface = 'checkout' | 'order' | 'onboarding' | 'other';
export type Role = 'buyer' | 'seller';
export type Impact = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';
/** Locales the interface is translated into; any BCP 47 tag is accepted and matched by language. */
export type Locale = 'en' | 'es' | 'fr' | 'de' | 'pt-BR' | 'ar' | 'ja' | (string & {});

/** Facts about the page for `setContext`: each top-level key replaces the stored one, `null` removes it. */
export interface SignpostContext {
  surface?: Surface | null;
  page?: { url?: string; title?: string } | null;
  locale?: Locale | null;
  role?: Role | null;
  order?: {
    id?: string;
    status?: string;
    placed_at?: string;
    promised_by?: string;
    shipped_at?: string;
    delivered_at?: string;
    payment_status?: string;
    amount?: number;
    currency?: string;
  } | null;
  onboarding?: { step?: string; completed?: string[]; blockers?: string[] } | null;
  custom?: Record<string, unknown> | null;
  [fact: string]: unknown;
}

export interface NewTicketPrefill {
  /** A topic id: order-not-arrived, refund, payment-failed, dispute, account, seller-verification, payouts, listing, other. */
  topic?: string;
  subject?: string;
  message?: string;
}

export interface StatusIncident {
  id: string;
  name: string;
  status: string;
  impact: Impact;
}

/** Each event's `detail`, by name. */
export interface SignpostEvents {
  ready: undefined;
  open: null;
  close: null;
  /** Suggestions shown when the panel opens: `article:<id>`, `step:<step>`, `contact:<topic>`, `status`, in the rules' order, then the guided flows offered (`flow:<id>`). */
  'suggestion:shown': { items: string[] };
  'suggestion:clicked':
    | { article: string; source: 'suggestion' | 'search' }
    | { flow: string; source: 'suggestion' }
    | { action: 'onboarding_step'; step: string | null; source?: 'flow' };
  /** A guided flow's answer offers something the page does (e.g. `track_package`): the page carries it out. */
  'flow:action': { name: string };
  /** A nudge showed beside the launcher (`rule:<id>`, or `push:<n>` for one your backend pushed). */
  'nudge:shown': { id: string };
  /** The user opened the panel from the nudge. */
  'nudge:opened': { id: string };
  /** The user dismissed the nudge: it is not shown again where the widget may store anything. */
  'nudge:dismissed': { id: string };
  /** With `hide_launcher`, the nudge for this page view, for the page to show by its own button. */
  nudge: { id: string; text: string; reason: { source: string; rule_id?: string; text: string } };
  'article:viewed': { id: string };
  'article:rated': { id: string; helpful: boolean };
  /** Saved in the browser's outbox: it will be sent once support can be reached. */
  'ticket:queued': { subject: string };
  'ticket:created': { id: string; queue: string };
  /** Open incidents and maintenance in progress changed. */
  'status:changed': { indicator: Impact; incidents: StatusIncident[] };
}

export interface Signpost {
  (command: 'open' | 'close' | 'toggle' | 'showStatus' | 'shutdown'): void;
  /** A JWT (HS256, the site's identity secret) minted by the marketplace's backend; the desk verifies it. */
  (command: 'identify', identity: { token: string }): void;
  (command: 'setContext', context: SignpostContext): void;
  (command: 'setLocale', locale: Locale): void;
  (command: 'search', query: string): void;
  (command: 'showArticle', id: string): void;
  (command: 'newTicket', prefill?: NewTicketPrefill): void;
  <E extends keyof SignpostEvents>(command: 'on' | 'off', event: E, listener: (detail: SignpostEvents[E]) => void): void;
  /** Present once the loader has run. */
  readonly loaded?: true;
}

declare global {
  interface Window {
    Signpost: Signpost;
  }
}
