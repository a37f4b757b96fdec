/* The attest table's day panel: beside the table on a wide screen, right under the tapped
   row on a narrow one (a phone), so the day opens where the finger is. No inline script:
   the pages' Content-Security-Policy allows scripts from this server only. */
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 48rem)");

  function home(panel) {
    var attest = document.querySelector(".attest");
    if (attest && panel.parentElement !== attest) {
      attest.appendChild(panel);
    }
    var holder = document.getElementById("day-detail-row");
    if (holder) { holder.remove(); }
  }

  function under(row, panel) {
    var holder = document.getElementById("day-detail-row");
    if (!holder) {
      holder = document.createElement("tr");
      holder.id = "day-detail-row";
      holder.className = "day-detail-row";
      holder.appendChild(document.createElement("td"));
    }
    holder.firstChild.colSpan = row.cells.length;
    row.after(holder);
    holder.firstChild.appendChild(panel);
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var panel = document.getElementById("day-detail");
    var row = event.detail.elt.closest && event.detail.elt.closest("tr.day");
    if (!panel || !row) { return; }
    if (narrow.matches) { under(row, panel); } else { home(panel); }
  });

  narrow.addEventListener("change", function () {
    var panel = document.getElementById("day-detail");
    if (panel && !narrow.matches) { home(panel); }
  });
})();
