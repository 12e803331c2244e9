// The tokens page's one convenience that needs a script: copying a new token.
// Without JavaScript the token is still shown, ready to select and copy.
(function () {
  "use strict";
  var button = document.querySelector("[data-copy-token]");
  var value = document.getElementById("token-value");
  var said = document.querySelector("[data-copied]");
  if (!button || !value || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(value.textContent.trim()).then(function () {
      said.textContent = "Copied. Paste it where your script keeps its secrets.";
      said.hidden = false;
    }, function () {
      var range = document.createRange();
      range.selectNodeContents(value);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      said.textContent = "Your browser didn't allow copying; the token is selected, so press Ctrl+C or ⌘C.";
      said.hidden = false;
    });
  });
})();
