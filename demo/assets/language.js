// Demo only: a picker in the header to see the widget in each of its languages. `?lang=ar` opens the page with
// the widget in Arabic. A real marketplace calls Signpost('setLocale', …) from its own language switcher.
(function () {
  var languages = [
    ['en', 'English'], ['es', 'Español'], ['fr', 'Français'], ['de', 'Deutsch'],
    ['pt-BR', 'Português (Brasil)'], ['ar', 'العربية'], ['ja', '日本語'],
  ];
  var wanted = new URLSearchParams(window.location.search).get('lang');
  if (wanted) window.Signpost('setLocale', wanted);

  var label = document.createElement('label');
  label.className = 'demo-language';
  label.append('Help language ');
  var select = document.createElement('select');
  languages.forEach(function (language) {
    var option = new Option(language[1], language[0], false, language[0] === (wanted || 'en'));
    option.lang = language[0];
    select.append(option);
  });
  select.addEventListener('change', function () { window.Signpost('setLocale', select.value); });
  label.append(select);
  document.querySelector('.header-user').prepend(label);
})();
