// The app page's live log: an EventSource on the controller's server-sent events. The browser reconnects by itself
// and sends the last event id back, so the stream continues where it stopped.
(function () {
  "use strict";
  var log = document.getElementById("live-log");
  var status = document.getElementById("live-status");
  if (!log || !window.EventSource) {
    return;
  }
  var MAX_LINES = 1000;
  var source = new EventSource(log.dataset.stream);
  source.onopen = function () {
    status.textContent = "live";
  };
  source.onerror = function () {
    // a refused stream (an error status, e.g. too many live logs open in this user's tabs) is not retried
    status.textContent = source.readyState === EventSource.CLOSED
      ? "stopped: too many live logs open (close another tab, then reload) or the controller refused it"
      : "reconnecting...";
  };
  source.addEventListener("line", function (event) {
    var line = JSON.parse(event.data);
    var atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    var row = document.createElement("div");
    row.className = "line source-" + line.source;
    var meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = line.time + " " + line.source + "[" + line.process + "] ";
    row.appendChild(meta);
    row.appendChild(document.createTextNode(line.text));
    log.appendChild(row);
    while (log.childNodes.length > MAX_LINES) {
      log.removeChild(log.firstChild);
    }
    if (atBottom) {
      log.scrollTop = log.scrollHeight;
    }
  });
})();
