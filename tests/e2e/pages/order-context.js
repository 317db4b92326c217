// The queue stub, then the late-order context of demo/assets/order.js (promised 3 days ago, shipped, not
// delivered). `?amount=lots` sends `order.amount` as a string, the kind of mistake host pages make.
window.Signpost = window.Signpost || function () { (Signpost.q = Signpost.q || []).push(arguments); };
(function () {
  var DAY_MS = 24 * 60 * 60 * 1000;
  var now = Date.now();
  function daysAgo(days) { return new Date(now - days * DAY_MS).toISOString(); }
  var amount = new URLSearchParams(location.search).get('amount');
  var context = {
    role: 'buyer',
    order: {
      id: 'A-1043',
      status: 'shipped',
      placed_at: daysAgo(8),
      promised_by: daysAgo(3),
      shipped_at: daysAgo(6),
      payment_status: 'paid',
      amount: amount === null ? 129.5 : amount,
      currency: 'EUR'
    }
  };
  window.__context = context;
  Signpost('on', 'ready', function () { window.__ready = true; });
  Signpost('setContext', context);
})();
