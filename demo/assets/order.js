/* Marketly demo: buyer order detail for A-1043. All dates are computed
 * relative to "now" so the default scenario is always a late order.
 * Loaded with `defer`, so it runs after signpost-stub.js. */
(function () {
  'use strict';

  // Same queue stub as signpost-stub.js, in case this file runs first.
  window.Signpost = window.Signpost || function () {
    (window.Signpost.q = window.Signpost.q || []).push(arguments);
  };

  var DAY_MS = 24 * 60 * 60 * 1000;

  function daysAgo(days) {
    return new Date(Date.now() - days * DAY_MS).toISOString();
  }

  function formatDate(iso) {
    return new Date(iso).toLocaleDateString(undefined, {
      year: 'numeric',
      month: 'short',
      day: 'numeric'
    });
  }

  // Scenario 1 (default): shipped 6 days ago, promised 3 days ago, not delivered.
  function lateOrder() {
    return {
      id: 'A-1043',
      status: 'shipped',
      placed_at: daysAgo(8),
      promised_by: daysAgo(3),
      shipped_at: daysAgo(6),
      payment_status: 'paid',
      amount: 129.5,
      currency: 'EUR'
    };
  }

  // Scenario 2: delivered 20 days ago (10 days left of the 30-day return window).
  // The earlier dates move back too, so the timeline stays consistent.
  function deliveredOrder() {
    return {
      id: 'A-1043',
      status: 'delivered',
      placed_at: daysAgo(25),
      promised_by: daysAgo(19),
      shipped_at: daysAgo(23),
      delivered_at: daysAgo(20),
      payment_status: 'paid',
      amount: 129.5,
      currency: 'EUR'
    };
  }

  function $(id) {
    return document.getElementById(id);
  }

  function setText(id, text) {
    var el = $(id);
    if (el) {
      el.textContent = text;
    }
  }

  function render(order) {
    var delivered = order.status === 'delivered';

    setText('placed-on', formatDate(order.placed_at));
    setText('placed-date', formatDate(order.placed_at));
    setText('shipped-date', formatDate(order.shipped_at));
    setText('promised-date', formatDate(order.promised_by));

    var badge = $('status-badge');
    if (badge) {
      badge.textContent = delivered ? 'Delivered' : 'Shipped';
      badge.className = 'badge ' + (delivered ? 'badge-success' : 'badge-info');
    }
    $('late-badge').hidden = delivered;

    var out = $('tl-out');
    var deliveredStep = $('tl-delivered');
    var outWhen = $('out-when');
    outWhen.textContent = '';

    if (delivered) {
      setText('status-title', 'Delivered');
      setText('status-text',
        'Your parcel was delivered on ' + formatDate(order.delivered_at) +
        '. You can return it until ' +
        formatDate(new Date(Date.parse(order.delivered_at) + 30 * DAY_MS).toISOString()) + ' (30-day return window).');
      out.className = 'is-done';
      var done = document.createElement('span');
      done.className = 'sr-only';
      done.textContent = 'Completed: ';
      outWhen.appendChild(done);
      outWhen.appendChild(document.createTextNode(formatDate(order.delivered_at)));
      deliveredStep.hidden = false;
      setText('delivered-date', formatDate(order.delivered_at));
    } else {
      setText('status-title', 'On its way, but running late');
      setText('status-text',
        'Expected by ' + formatDate(order.promised_by) +
        '. Your parcel was shipped on ' + formatDate(order.shipped_at) +
        ' and the carrier has not reported an update since.');
      out.className = 'is-pending is-current is-last';
      outWhen.textContent = 'Waiting for a carrier update · expected by ' + formatDate(order.promised_by);
      deliveredStep.hidden = true;
      setText('delivered-date', '');
    }

    $('sim-delivered').setAttribute('aria-pressed', delivered ? 'true' : 'false');
    $('sim-late').setAttribute('aria-pressed', delivered ? 'false' : 'true');
  }

  function apply(order) {
    render(order);
    window.Signpost('setContext', { role: 'buyer', order: order });
  }

  function init() {
    apply(lateOrder());

    $('sim-delivered').addEventListener('click', function () {
      apply(deliveredOrder());
    });
    $('sim-late').addEventListener('click', function () {
      apply(lateOrder());
    });

    var status = $('action-status');
    $('contact-seller').addEventListener('click', function () {
      status.textContent = 'Messaging is not wired up in this demo. Try asking Signpost instead.';
    });
    $('return-item').addEventListener('click', function () {
      status.textContent = 'Returns are not wired up in this demo. Try asking Signpost instead.';
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
