/* Marketly demo: seller onboarding wizard. A tiny single-page app whose
 * route is location.hash; every route change is reported to Signpost.
 * Loaded with `defer`, so it runs after signpost-stub.js. */
(function () {
  'use strict';

  // Same queue stub as signpost-stub.js, in case this file runs first.
  window.Signpost = window.Signpost || function () {
    (window.Signpost.q = window.Signpost.q || []).push(arguments);
  };

  var STEPS = ['account', 'shop_profile', 'identity_verification', 'payout_account', 'first_listing'];
  var LABELS = {
    account: 'Account',
    shop_profile: 'Shop profile',
    identity_verification: 'Identity verification',
    payout_account: 'Payout account',
    first_listing: 'First listing'
  };
  var DEFAULT_STEP = 'identity_verification';

  // Seller state for the demo scenario.
  var completed = ['account', 'shop_profile'];
  // Blockers belong to a step; only identity verification has one.
  var STEP_BLOCKERS = {
    identity_verification: ['document_rejected']
  };

  var current = null;

  function $(id) {
    return document.getElementById(id);
  }

  function stepFromHash() {
    var step = window.location.hash.replace(/^#/, '');
    return STEPS.indexOf(step) >= 0 ? step : null;
  }

  function blockersFor(step) {
    return (STEP_BLOCKERS[step] || []).slice();
  }

  function statusLabel(step) {
    if (completed.indexOf(step) >= 0) {
      return 'Completed';
    }
    if (blockersFor(step).length) {
      return 'Action needed';
    }
    return step === current ? 'In progress' : 'Not started';
  }

  function render(step) {
    var index = STEPS.indexOf(step);

    // Step list.
    var links = document.querySelectorAll('.step-link');
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var s = link.getAttribute('data-step');
      link.classList.toggle('is-complete', completed.indexOf(s) >= 0);
      link.classList.toggle('is-blocked', completed.indexOf(s) < 0 && blockersFor(s).length > 0);
      if (s === step) {
        link.setAttribute('aria-current', 'step');
      } else {
        link.removeAttribute('aria-current');
      }
      var statusEl = link.querySelector('.step-status');
      if (statusEl) {
        statusEl.textContent = statusLabel(s);
      }
    }

    // Panels.
    var panels = document.querySelectorAll('.step-panel');
    for (var j = 0; j < panels.length; j++) {
      panels[j].hidden = panels[j].getAttribute('data-step') !== step;
    }

    // Progress and footer.
    $('progress-bar').value = completed.length;
    $('progress-bar').textContent = completed.length + ' of ' + STEPS.length;
    $('progress-label').textContent = completed.length + ' of ' + STEPS.length + ' steps completed';
    $('step-counter').textContent = 'Step ' + (index + 1) + ' of ' + STEPS.length;
    $('wizard-back').disabled = index === 0;
    $('wizard-next').textContent = index === STEPS.length - 1 ? 'Publish listing' : 'Next';
    $('wizard-status').textContent = '';

    document.title = LABELS[step] + ' · Seller onboarding · Marketly';
  }

  function sendContext(step) {
    window.Signpost('setContext', {
      role: 'seller',
      // A field content/insights.toml marks as a dimension: the insights reports can be cut by plan.
      custom: { plan: 'starter' },
      onboarding: {
        step: step,
        completed: completed.slice(),
        blockers: blockersFor(step)
      }
    });
  }

  function show(step, moveFocus) {
    current = step;
    render(step);
    sendContext(step);
    if (moveFocus) {
      var heading = $('title-' + step);
      if (heading) {
        heading.focus();
      }
    }
  }

  function goTo(step) {
    if (step && step !== current) {
      window.location.hash = step; // fires hashchange, which renders
    }
  }

  function init() {
    // The help widget's step suggestions ("Resubmit your ID") navigate the wizard.
    window.Signpost('on', 'suggestion:clicked', function (detail) {
      if (detail && detail.action === 'onboarding_step' && STEPS.indexOf(detail.step) >= 0) {
        goTo(detail.step);
      }
    });
    var step = stepFromHash();
    if (!step) {
      step = DEFAULT_STEP;
      window.history.replaceState(null, '', '#' + step);
    }
    show(step, false);

    window.addEventListener('hashchange', function () {
      var next = stepFromHash();
      // Ignore non-step fragments such as the skip link's #main.
      if (next && next !== current) {
        show(next, true);
      }
    });

    $('wizard-back').addEventListener('click', function () {
      goTo(STEPS[STEPS.indexOf(current) - 1]);
    });

    $('wizard-next').addEventListener('click', function () {
      var index = STEPS.indexOf(current);
      if (index < STEPS.length - 1) {
        goTo(STEPS[index + 1]);
      } else {
        $('wizard-status').textContent =
          'Listing saved as a draft. It goes live once every onboarding step is complete.';
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
