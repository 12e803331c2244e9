// A "Print" button for pages meant to be read on paper. It stays hidden without
// JavaScript (the browser's own print command still works) and is wired here
// because the Content-Security-Policy allows no inline handlers.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
