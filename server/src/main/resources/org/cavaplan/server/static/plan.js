// CavaPlan plan page: optional conveniences; the page works fully without this script.
// - an "Expand all / Collapse all" button for the folded sources and triggering facts;
// - every fold opened for printing, and closed again afterwards.
(function () {
  "use strict";
  var plan = document.querySelector("article.plan");
  if (!plan) {
    return;
  }
  var folds = plan.querySelectorAll("details.provenance");
  if (folds.length > 0) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button secondary expand-all";
    button.textContent = "Expand all sources and facts";
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      for (var i = 0; i < folds.length; i++) {
        folds[i].open = open;
      }
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? "Collapse all sources and facts" : "Expand all sources and facts";
    });
    var toc = plan.querySelector(".plan-toc");
    plan.insertBefore(button, toc ? toc.nextSibling : plan.firstChild);
  }
  var closedBeforePrint = [];
  window.addEventListener("beforeprint", function () {
    closedBeforePrint = [];
    var all = plan.querySelectorAll("details");
    for (var i = 0; i < all.length; i++) {
      if (!all[i].open) {
        closedBeforePrint.push(all[i]);
        all[i].open = true;
      }
    }
  });
  window.addEventListener("afterprint", function () {
    for (var i = 0; i < closedBeforePrint.length; i++) {
      closedBeforePrint[i].open = false;
    }
    closedBeforePrint = [];
  });
})();
