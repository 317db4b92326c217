/*! Signpost loader: one <script> tag puts the help widget on the page.
 * It shows the launcher at once and fetches the widget (wasm, JS glue, CSS) only when the user reaches for help
 * or the page has something to show, so a page where nobody opens it pays for this script and one small request.
 * Every byte here is paid on every page view of every site (its budget: scripts/build/sizes.mjs).
 * Plain ES2017, no dependencies. */
(function (w, d) {
  'use strict';
  var stub = w.Signpost;
  if (stub && stub.loaded) return; // a second copy of this script is a no-op

  var script = d.currentScript || d.querySelector('script[src*="/widget/loader.js"]');
  if (!script) return;
  var scriptUrl = new URL(script.src, d.baseURI);
  // The desk replaces this placeholder with the build's version when it serves the loader.
  var assets = new URL('__SIGNPOST_VERSION__/', scriptUrl).href;
  // The site's settings from the desk (content/embed.toml), under the script tag's attribute names, which win.
  var data = Object.assign(__SIGNPOST_SITE__, script.dataset);
  var desk = (data.desk || scriptUrl.origin).replace(/\/+$/, '');
  var locale = data.locale || d.documentElement.lang || navigator.language || 'en';
  var labels = __SIGNPOST_HELP_LABELS__;
  var hide = data.hideLauncher;
  hide = hide === true || hide === '' || hide === 'true';
  var position = data.position;
  var config = {
    desk: desk,
    surface: data.surface || 'other',
    locale: locale,
    status_url: data.statusUrl,
    launcher_label: data.launcherLabel || null,
    hide_launcher: hide,
    storage: data.storage === 'none' ? 'none' : 'after_interaction',
    assets: assets
  };
  // The launcher sits at the end of the reading direction unless the site says otherwise.
  if (position === 'left' || position === 'right') config.position = position;
  else position = /^(ar|fa|he|ur)\b/i.test(locale) ? 'left' : 'right';
  var zIndex = parseInt(data.zIndex, 10);
  // When the widget's module loads: on intent (the default: the user reaches for help, a command shows
  // something, or the desk says this page has something to show), on idle, or at once. A page that reads status
  // from its own feed keeps the idle preload, since only the widget can read that feed.
  var loadOn = /^(idle|eager)$/.test(data.load) ? data.load : config.status_url ? 'idle' : 'intent';

  function warn(message, detail) {
    console.warn('Signpost: ' + message, detail === undefined ? '' : detail);
  }

  var listeners = {};
  var pending = [];
  // What the page said of itself before the widget loaded, for the desk's nudges; `asked` once the first
  // question went out, so a later setContext or identify asks again.
  var context = null;
  var token = null;
  var asked = false;
  var widget = null;
  var loading = null;
  var stopped = false; // after shutdown: nothing may load or reappear

  var host = d.createElement('signpost-widget');
  host.dataset.position = position;
  host.dataset.scheme = /^(light|dark)$/.test(data.scheme) ? data.scheme : 'auto';
  // Custom properties through the CSSOM, which a strict style-src allows.
  var style = (name, value) => { host.style.setProperty('--sp-' + name, value); };
  var color = data.color;
  if (/^#[0-9a-f]{6}$/i.test(color)) {
    // Darkened until white text on it has a contrast of at least 4.5:1 (WCAG AA).
    var rgb = [16, 8, 0].map((shift) => parseInt(color.slice(1), 16) >> shift & 255);
    var scale = 1;
    var luminance = () => rgb.reduce((sum, channel, i) => {
      var c = channel * scale / 255;
      return sum + [0.2126, 0.7152, 0.0722][i] * (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
    }, 0);
    while (1.05 / (luminance() + 0.05) < 4.5) scale -= 0.02;
    var readable = scale < 1 ? '#' + rgb.map((c) => (256 + Math.round(c * scale)).toString(16).slice(1)).join('') : color;
    if (scale < 1) warn('theme colour ' + color + ' darkened to ' + readable + ' for 4.5:1 contrast');
    style('primary', readable);
  } else if (color) warn('theme colour must be #rrggbb', color);
  ['X', 'Y'].forEach((axis) => {
    var offset = parseInt(data['offset' + axis], 10);
    if (offset >= 0 && offset <= 400) style('offset-' + axis.toLowerCase(), offset + 'px');
  });
  if (zIndex === zIndex) style('z', zIndex);
  var root = host.attachShadow({ mode: 'open' });
  var sheet = new CSSStyleSheet();
  sheet.replaceSync('__SIGNPOST_LAUNCHER_CSS__');
  root.adoptedStyleSheets = [sheet];

  var placeholder = d.createElement('button');
  var language = (tag) => tag.split('-')[0].toLowerCase();
  // The interface language: the locale's own, else the same language's (es-MX gets es), else English.
  var tag = labels[locale] ? locale : Object.keys(labels).find((t) => language(t) === language(locale)) || 'en';
  var label = data.launcherLabel || labels[tag];
  // Built, not written as HTML, which a page enforcing Trusted Types refuses.
  var svg = (node) => {
    var el = d.createElementNS('http://www.w3.org/2000/svg', node[0]);
    for (var name in node[1]) el.setAttribute(name, node[1][name]);
    el.append(...node[2].map(svg));
    return el;
  };
  var part = (name, content) => {
    var span = placeholder.appendChild(d.createElement('span'));
    span.className = 'sp-launcher__' + name;
    span.append(content);
  };
  part('art', svg(__SIGNPOST_LAUNCHER_ICON__));
  part('label', label);
  placeholder.type = 'button';
  placeholder.className = 'sp-launcher';
  placeholder.hidden = hide;
  placeholder.setAttribute('aria-label', label);
  placeholder.setAttribute('aria-expanded', false);
  placeholder.onclick = () => { call('open', []); };
  // Start fetching as soon as the user reaches for help, whatever the load mode.
  placeholder.onpointerenter = placeholder.onfocus = load;
  // The widget's launcher takes the placeholder's place only once a press on it has ended: swapped between
  // the press and the release, the click would land on neither.
  var released = null;
  placeholder.onpointerdown = () => {
    released = new Promise((done) => {
      var end = () => { setTimeout(done); }; // after the click that follows the release
      w.addEventListener('pointerup', end, { once: true, capture: true });
      w.addEventListener('pointercancel', end, { once: true, capture: true });
    });
  };
  var mount = d.createElement('div');
  root.append(placeholder, mount);

  function emit(name, detail) {
    (listeners[name] || []).slice().forEach((fn) => {
      try { fn(detail); } catch (err) { warn('a listener for "' + name + '" threw', err); }
    });
  }

  function load() {
    if (loading || stopped) return loading;
    var css = d.createElement('link');
    css.rel = 'stylesheet';
    css.href = assets + 'widget.css';
    var cssReady = new Promise((done) => { css.onload = css.onerror = done; });
    root.prepend(css);
    // The interface's messages, beside the module (English is in it); the widget fetches them itself if this fails.
    var messages = tag === 'en' ? null : fetch(assets + 'messages-' + tag + '.json')
      .then((response) => response.ok ? response.text() : null, () => null);
    // The module's bytes come down while the glue and the split loader it imports are fetched, not after.
    var wasm = fetch(assets + 'signpost_bg.wasm');
    wasm.catch(() => { /* the glue's wait on it reports the failure */ });
    return loading = import(assets + 'signpost.js')
      .then((glue) => glue.default({ module_or_path: wasm })
        .then(() => Promise.all([messages, cssReady]))
        .then((ready) => released ? released.then(() => ready) : ready)
        .then((ready) => {
          if (!host.isConnected) return; // shut down while loading
          var hadFocus = root.activeElement === placeholder;
          widget = glue.start(mount, JSON.stringify(config), emit, tag, ready[0]);
          placeholder.remove();
          if (hadFocus) root.querySelector('.sp-launcher').focus();
          emit('ready');
          pending.splice(0).forEach((c) => { run(c[0], c[1]); });
        }))
      .catch((err) => {
        loading = null; // let the next interaction try again
        warn('could not load the widget', err);
      });
  }

  function run(name, args) {
    try { args = JSON.stringify(args); } catch (err) { return warn('arguments of "' + name + '" are not JSON', err); }
    widget.command(name, args);
  }

  function call(name, args) {
    if (name === 'on' || name === 'off') {
      if (typeof args[1] !== 'function') throw 'expects an event name and a function';
      var list = listeners[args[0]] = (listeners[args[0]] || []).filter((fn) => fn !== args[1]);
      if (name === 'on') list.push(args[1]);
      return;
    }
    if (name === 'shutdown') {
      stopped = true;
      if (widget) widget.free();
      widget = null;
      host.remove();
      listeners = {};
      pending = [];
      delete w.Signpost;
      // Everything the widget stored (drafts, tickets, the outbox) goes with it.
      try {
        [localStorage, sessionStorage].forEach((s) => {
          Object.keys(s).forEach((k) => { if (!k.indexOf('signpost.')) s.removeItem(k); });
        });
      } catch (err) { /* storage is off: nothing was stored */ }
      return;
    }
    if (name === 'setContext') context = args[0];
    if (name === 'identify') token = (args[0] || {}).token;
    if (name === 'setLocale') locale = args[0];
    if (widget) return run(name, args);
    pending.push([name, args]);
    // These wait for the widget; every other command shows something. A new context may bring a nudge.
    if (!/^(setContext|identify|setLocale|close)$/.test(name)) load();
    else if (asked && /^(setContext|identify)$/.test(name)) loadIfNeeded();
  }

  function stored(key) {
    try { return localStorage.getItem('signpost.' + key); } catch (err) { return null; } // storage is off
  }

  // Loads the widget if the page has something to show: a request waiting in the outbox to be sent, or, in the
  // desk's answer, an incident on this surface or a nudge. A page that said nothing of itself asks a cacheable
  // GET; one with a context or a user POSTs them (as text/plain: no preflight) with what the widget stored.
  function loadIfNeeded() {
    asked = true;
    if (loading) return;
    if (stored('outbox')) return load();
    fetch(desk + '/v1/notices?surface=' + encodeURIComponent(config.surface), context || token ? {
      method: 'POST', body: JSON.stringify({
        locale: locale, context: context, identity: token,
        install: stored('install'), nudges: stored('nudges'), tickets: stored('tickets')
      })
    } : {})
      .then((response) => response.json())
      .then((notices) => {
        // An earlier question may be answered last: it must not take back a later one's nudge.
        config.nudge = notices.nudge || config.nudge;
        if (notices.show) load();
        else if (notices.code) warn(notices.message);
      })
      .catch(() => { /* the desk is unreachable: the launcher still loads the widget on use */ });
  }

  function api(name) {
    try {
      if (typeof name !== 'string') throw 'not a command name';
      call(name, [].slice.call(arguments, 1));
    } catch (err) { warn('"' + name + '" failed', err); }
  }
  api.loaded = true;

  // Replay what the page queued before we arrived: listeners first, so a queued `open` reaches an `on('open')`
  // queued after it; widget commands keep their order.
  var queued = (stub && stub.q) || [];
  var listener = (c) => /^(on|off)$/.test(c[0]);
  w.Signpost = api;
  queued.filter(listener).concat(queued.filter((c) => !listener(c))).forEach((c) => { api.apply(null, c); });

  if (stopped) return; // the page queued a shutdown
  (d.body || d.documentElement).append(host);
  if (host.showPopover && zIndex !== zIndex) {
    // The top layer sits above every z-index the host page can set, unless the site chose its own z-index.
    host.popover = 'manual';
    host.showPopover();
  }

  if (loadOn === 'eager') load();
  else if (loadOn === 'idle') {
    var whenIdle = () => {
      if (w.requestIdleCallback) requestIdleCallback(load, { timeout: 4000 });
      else setTimeout(load, 1500);
    };
    if (d.readyState === 'complete') whenIdle();
    else w.addEventListener('load', whenIdle, { once: true });
  } else if (!loading) loadIfNeeded();
})(window, document);
