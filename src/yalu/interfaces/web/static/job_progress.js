// The progress of a background job started from a page (a batch screening, a list update).
// Reads the job's progress as JSON every second and updates the status line, the progress bar
// and each step's line in place (a polite live region, so screen readers hear it without the
// page reloading under them); once the job is done, loads the page once more for its results.
// Without JavaScript, the page's <noscript> refresh reloads it instead.
(function () {
  "use strict";
  var status = document.getElementById("progress");
  var url = status && status.getAttribute("data-progress-url");
  if (!url) {
    return;
  }
  var bar = document.getElementById("progress-bar");

  function show(progress) {
    status.textContent = progress.line;
    if (bar) {
      bar.max = progress.total;
      bar.value = progress.done;
    }
    Object.keys(progress.steps).forEach(function (name) {
      var cell = document.getElementById("step-line-" + name);
      if (cell) {
        cell.textContent = progress.steps[name];
      }
    });
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (progress) {
        show(progress);
        if (progress.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1000);
})();
