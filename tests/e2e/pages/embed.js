// Adds the loader with the page's query string as data- attributes, and wires the page's own help button.
const desk = document.currentScript.dataset.desk;
const loader = document.createElement('script');
loader.async = true;
loader.src = `${desk}/widget/loader.js`;
loader.dataset.surface = 'order';
for (const [name, value] of new URLSearchParams(window.location.search)) {
  // `lang` is the page's own language; everything else configures the widget.
  if (name === 'lang') document.documentElement.lang = value;
  else loader.setAttribute(`data-${name}`, value);
}
document.body.append(loader);
document.getElementById('own-help').addEventListener('click', () => window.Signpost('open'));
