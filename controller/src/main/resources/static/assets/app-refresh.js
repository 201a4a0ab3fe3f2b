// Keeps the app page's process list, state and release current while it is open (scaling, a rollout or a crash
// made elsewhere shows up without a reload). It reads the same page again and swaps only those parts, so forms
// being filled in are left alone. Paused while the tab is hidden; stops once the session has ended.
(function () {
  "use strict";
  var PERIOD_MS = 3000;
  var PARTS = ["process-list", "app-state", "app-release"];
  var section = document.getElementById("processes-section");
  var timer = null;
  if (!section || !window.fetch || !window.DOMParser) {
    return;
  }

  function swap(fresh) {
    PARTS.forEach(function (id) {
      var now = document.getElementById(id);
      var next = fresh.getElementById(id);
      if (now && next && now.innerHTML !== next.innerHTML) {
        now.innerHTML = next.innerHTML;
        now.className = next.className;
      }
    });
  }

  function refresh() {
    timer = null;
    fetch(section.dataset.refresh, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (response.redirected || [401, 403, 404].indexOf(response.status) >= 0) {
          return null; // signed out, or the app is gone: leave the page as it is, for good
        }
        return response.ok ? response.text() : ""; // a 5xx (the controller restarting): try again later
      })
      .then(function (html) {
        if (html === null) {
          return;
        }
        if (html) {
          swap(new DOMParser().parseFromString(html, "text/html"));
        }
        schedule();
      })
      .catch(schedule); // the controller restarting: try again later
  }

  function schedule() {
    if (timer === null && document.visibilityState === "visible") {
      timer = window.setTimeout(refresh, PERIOD_MS);
    }
  }

  document.addEventListener("visibilitychange", schedule);
  schedule();
})();
