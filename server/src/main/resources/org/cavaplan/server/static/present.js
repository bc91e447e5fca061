// CavaPlan presentation mode: the keys move between the cases of the agenda.
// ArrowRight and PageDown follow the "next case" link, ArrowLeft and PageUp the "previous case" link
// (the links work without this script). Keys typed into a control, or with a modifier, are left alone.
(function () {
  "use strict";
  var presentation = document.querySelector("article.presentation");
  if (!presentation) {
    return;
  }
  function go(selector) {
    var link = presentation.querySelector(selector);
    if (link && link.href) {
      window.location.assign(link.href);
      return true;
    }
    return false;
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
      return;
    }
    var moved = false;
    if (event.key === "ArrowRight" || event.key === "PageDown") {
      moved = go("a.present-next");
    } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
      moved = go("a.present-prev");
    }
    if (moved) {
      event.preventDefault();
    }
  });
})();
