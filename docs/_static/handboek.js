// Open the <details> block (example, leader's notes) that holds the linked
// target, and open every block before printing so nothing is left out.
(function () {
  "use strict";
  function openTarget() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    if (target) target.scrollIntoView();
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", openTarget);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();

// ==== Meeting room and paper (issue 15) ==========================================

// Glossary popovers (tools/handboek/begripuitleg.py). The stylesheet shows a term's
// definition on hover and keyboard focus without any script; this adds Escape to
// hide it, keeps it inside the window, and lets a first tap on a touch screen show
// it (a second tap follows the link to Begrippen).
(function () {
  "use strict";
  var lastPointer = "mouse";
  function termOf(node) {
    return node && node.closest ? node.closest(".begrip") : null;
  }
  function closeAll(except) {
    document.querySelectorAll(".begrip.begrip-open").forEach(function (term) {
      if (term !== except) term.classList.remove("begrip-open");
    });
  }
  function fit(term) {
    var tip = term.querySelector(".begrip-uitleg");
    if (!tip) return;
    tip.style.left = "";
    window.requestAnimationFrame(function () {
      if (getComputedStyle(tip).position !== "absolute") return;
      var box = tip.getBoundingClientRect();
      var room = document.documentElement.clientWidth - 8;
      if (box.width && box.right > room) tip.style.left = Math.min(0, room - box.right) + "px";
    });
  }
  function show(event) {
    var term = termOf(event.target);
    if (!term) return;
    term.classList.remove("begrip-verborgen");
    fit(term);
  }
  document.addEventListener("mouseover", show);
  document.addEventListener("focusin", show);
  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (!termOf(event.target)) closeAll(null);
  });
  document.addEventListener("click", function (event) {
    var term = termOf(event.target);
    if (!term || lastPointer !== "touch" || term.classList.contains("begrip-open")) return;
    event.preventDefault();
    closeAll(term);
    term.classList.add("begrip-open");
    term.classList.remove("begrip-verborgen");
    fit(term);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".begrip").forEach(function (term) {
      term.classList.remove("begrip-open");
      term.classList.add("begrip-verborgen");
    });
  });
  document.addEventListener("mouseout", function (event) {
    var term = termOf(event.target);
    if (term && !term.contains(event.relatedTarget)) term.classList.remove("begrip-verborgen");
  });
  document.addEventListener("focusout", function (event) {
    var term = termOf(event.target);
    if (term && !term.contains(event.relatedTarget)) term.classList.remove("begrip-verborgen");
  });
})();

// Search snippets: Sphinx takes a page's text with textContent, which glues the end of
// one block to the start of the next ("groepsappEen"). This gives every block a space
// after it and leaves out the glossary popovers and the handout line.
(function () {
  "use strict";
  var BLOCKS = "p, li, dt, dd, h1, h2, h3, h4, h5, h6, div, section, summary, blockquote, " +
    "details, td, th, tr, figcaption, pre, caption";
  function textOf(element) {
    if (!element) return null;
    element.querySelectorAll(BLOCKS).forEach(function (block) { block.append(" "); });
    return element.textContent.replace(/\s+/g, " ").trim();
  }
  function htmlToText(htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll(".headerlink, script, style, .begrip-uitleg, p.afdruk-links").forEach(function (node) {
      node.remove();
    });
    var main = doc.querySelector('[role="main"]');
    if (anchor) {
      var part = textOf(doc.querySelector('[role="main"] ' + anchor));
      if (part !== null) return part;
    }
    return textOf(main) || "";
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof Search !== "undefined" && Search.htmlToText) Search.htmlToText = htmlToText;
  });
})();
