// The QR code on the staff's code page holds /logga-in#kod=ABCDE23456. The code
// is in the fragment, which the browser never sends: it stays out of server and
// proxy logs and out of the Referer header. This script (a file, since the CSP
// allows no inline script) takes it out of the address, and so out of the
// history, puts it in the code field and sends the form. Without JavaScript
// the person types the code; the form works the same.
(() => {
  const match = /^#kod=([0-9A-Za-z-]{1,40})$/.exec(window.location.hash);
  if (!match) return;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  const form = document.querySelector('form[data-code-sign-in]');
  if (!form || !form.elements.code) return;
  form.elements.code.value = match[1];
  form.requestSubmit();
})();
