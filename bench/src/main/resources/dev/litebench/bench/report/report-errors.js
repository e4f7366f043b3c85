// Runs first: records every uncaught error (including one in a later script) in #report-status and shows it.
window.reportErrors = [];
window.reportError = function (message) {
  window.reportErrors.push(String(message));
  var status = document.getElementById('report-status');
  if (status) status.setAttribute('data-errors', String(window.reportErrors.length));
  var box = document.getElementById('report-errors');
  if (box) {
    box.hidden = false;
    box.textContent = 'JavaScript error: ' + window.reportErrors.join(' | ');
  }
};
window.addEventListener('error', function (e) {
  window.reportError(e.message || e);
});
