// What old libraries, tag managers and error trackers do to the globals every script on a page shares.
(() => {
  // Prototype pollution: an enumerable property on every object and array.
  Object.prototype.hostFlag = 'host';
  Array.prototype.hostEach = function hostEach() {};
  // Prototype.js 1.6: arrays turn themselves into JSON text, so JSON.stringify nests an array as a string.
  Array.prototype.toJSON = function toJSON() {
    return `[${Array.from(this, (item) => JSON.stringify(item)).join(',')}]`;
  };

  // A tag manager's fetch: counts the requests and sends each a little later.
  const pageFetch = window.fetch;
  window.hostFetches = 0;
  window.fetch = function fetch(...args) {
    window.hostFetches += 1;
    return new Promise((resolve) => setTimeout(resolve, 5)).then(() => pageFetch.apply(this, args));
  };

  // An error tracker wraps every listener, and unwraps it for removal.
  const wrappers = new WeakMap();
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function addEventListener(type, listener, options) {
    if (typeof listener !== 'function') return add.call(this, type, listener, options);
    if (!wrappers.has(listener)) {
      wrappers.set(listener, function tracked(...args) {
        return listener.apply(this, args);
      });
    }
    return add.call(this, type, wrappers.get(listener), options);
  };
  EventTarget.prototype.removeEventListener = function removeEventListener(type, listener, options) {
    return remove.call(this, type, wrappers.get(listener) ?? listener, options);
  };

  // Globals a bundle might take for its own: a module loader (AMD, CommonJS) and wasm-bindgen's names.
  window.define = function define() {
    throw new Error('the host page\'s AMD loader was called');
  };
  window.define.amd = {};
  window.module = { exports: {} };
  window.exports = window.module.exports;
  window.wasm_bindgen = 'host';
  window.__wbg_init = 'host';
})();
