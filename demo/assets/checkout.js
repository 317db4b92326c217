/* Marketly demo: buyer checkout. Tells Signpost about the pending order and a
 * declined card. Loaded with `defer`, so it runs after signpost-stub.js. */
(function () {
  'use strict';

  // Same queue stub as signpost-stub.js, in case this file runs first.
  window.Signpost = window.Signpost || function () {
    (window.Signpost.q = window.Signpost.q || []).push(arguments);
  };

  var ORDER_ID = 'A-1051';

  function sendContext(paymentStatus) {
    window.Signpost('setContext', {
      role: 'buyer',
      order: {
        id: ORDER_ID,
        status: 'placed',
        payment_status: paymentStatus,
        amount: 129.5,
        currency: 'EUR'
      }
    });
  }

  function showDeclined(errorBox) {
    // Rebuild the alert's content so repeated submits are announced again.
    while (errorBox.firstChild) {
      errorBox.removeChild(errorBox.firstChild);
    }
    var svgNs = 'http://www.w3.org/2000/svg';
    var icon = document.createElementNS(svgNs, 'svg');
    icon.setAttribute('width', '20');
    icon.setAttribute('height', '20');
    icon.setAttribute('viewBox', '0 0 24 24');
    icon.setAttribute('fill', 'none');
    icon.setAttribute('stroke', 'currentColor');
    icon.setAttribute('stroke-width', '2');
    icon.setAttribute('stroke-linecap', 'round');
    icon.setAttribute('aria-hidden', 'true');
    icon.setAttribute('focusable', 'false');
    var circle = document.createElementNS(svgNs, 'circle');
    circle.setAttribute('cx', '12');
    circle.setAttribute('cy', '12');
    circle.setAttribute('r', '9');
    var mark = document.createElementNS(svgNs, 'path');
    mark.setAttribute('d', 'M12 7.5v5.5M12 16.5v.01');
    icon.appendChild(circle);
    icon.appendChild(mark);

    var text = document.createElement('span');
    text.className = 'alert-title';
    text.textContent = 'Your card was declined';

    errorBox.appendChild(icon);
    errorBox.appendChild(text);
  }

  function init() {
    sendContext('pending');

    var form = document.getElementById('payment-form');
    var errorBox = document.getElementById('payment-error');
    var cardNumber = document.getElementById('card-number');
    if (!form || !errorBox) {
      return;
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      showDeclined(errorBox);
      if (cardNumber) {
        cardNumber.setAttribute('aria-invalid', 'true');
      }
      sendContext('failed');
    });

    if (cardNumber) {
      cardNumber.addEventListener('input', function () {
        cardNumber.removeAttribute('aria-invalid');
      });
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
