// The draft page's two conveniences that need a script: keeping the "Open in
// your mail app" link in step with the text, and copying the text. Without
// JavaScript the page still works: the link carries the last saved text.
(function () {
  "use strict";
  var form = document.getElementById("draft-form");
  if (!form) return;
  var body = form.querySelector("#id_body");
  var subject = form.querySelector("#id_subject");
  var mail = form.querySelector("[data-mailto]");
  var copy = form.querySelector("[data-copy]");
  var copied = form.querySelector("[data-copied]");

  function mailto() {
    var text = body.value.replace(/\r\n/g, "\n").replace(/\n/g, "\r\n");
    return "mailto:" + encodeURIComponent(mail.getAttribute("data-mailto")) +
      "?subject=" + encodeURIComponent(subject ? subject.value : "") +
      "&body=" + encodeURIComponent(text);
  }

  if (mail && body) {
    var refresh = function () { mail.setAttribute("href", mailto()); };
    body.addEventListener("input", refresh);
    if (subject) subject.addEventListener("input", refresh);
  }

  if (copy && body && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(body.value).then(function () {
        copied.textContent = "Copied. Paste it wherever you're sending it.";
        copied.hidden = false;
      }, function () {
        body.select();
        copied.textContent = "Your browser didn't allow copying; the text is selected, so press Ctrl+C or ⌘C.";
        copied.hidden = false;
      });
    });
  }
})();
