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

// Glossary popovers (tools/handboek/begripuitleg.py). Each link to a term is described by
// its definition, which the page holds (hidden) at the end of the article. This shows it
// next to the term while the pointer is over the term or the popover, or while the term
// has the keyboard focus; Escape hides it. On a touch screen a first tap shows it and a
// second tap follows the link to Begrippen. Without scripts the link works as before.
(function () {
  "use strict";
  var shown = null;        // the link whose popover is visible
  var hideTimer = null;
  var lastPointer = "mouse";
  var tapped = null;       // the link tapped once on a touch screen
  function termOf(node) {
    var link = node && node.closest ? node.closest("a.begrip[aria-describedby]") : null;
    return link && tipOf(link) ? link : null;
  }
  function tipOf(link) {
    return document.getElementById(link.getAttribute("aria-describedby"));
  }
  function inTip(node) {
    return node && node.closest ? node.closest(".begrip-uitleg") : null;
  }
  function place(link, tip) {
    if (tip.parentNode !== document.body) document.body.appendChild(tip);
    tip.style.left = "0px";
    tip.style.top = "0px";
    var box = link.getBoundingClientRect();
    var size = tip.getBoundingClientRect();
    var room = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(box.left, room - size.width - 8));
    // Below the term, or above it when it would fall below the window and fits above.
    var above = box.bottom + size.height + 8 > window.innerHeight && box.top > size.height + 8;
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = (above ? box.top - size.height - 4 : box.bottom + 4) + window.scrollY + "px";
  }
  function show(link) {
    window.clearTimeout(hideTimer);
    if (shown === link) return;
    hide();
    var tip = tipOf(link);
    tip.hidden = false;
    place(link, tip);
    shown = link;
  }
  function hide() {
    window.clearTimeout(hideTimer);
    if (shown) tipOf(shown).hidden = true;
    shown = null;
    tapped = null;
  }
  function hideSoon() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, 300);
  }
  document.addEventListener("mouseover", function (event) {
    var link = termOf(event.target);
    if (link) show(link);
    else if (shown && inTip(event.target)) window.clearTimeout(hideTimer);
  });
  document.addEventListener("mouseout", function (event) {
    if (shown && (termOf(event.target) || inTip(event.target)) &&
        !(termOf(event.relatedTarget) === shown || inTip(event.relatedTarget))) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var link = termOf(event.target);
    if (link) show(link);
    else hide();
  });
  document.addEventListener("focusout", function (event) {
    if (shown && termOf(event.target) === shown) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shown) hide();
  });
  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (shown && !termOf(event.target) && !inTip(event.target)) hide();
  });
  document.addEventListener("click", function (event) {
    var link = termOf(event.target);
    if (!link || lastPointer !== "touch" || tapped === link) return;
    event.preventDefault();
    show(link);
    tapped = link;
  });
  window.addEventListener("resize", function () { if (shown) place(shown, tipOf(shown)); });
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
    doc.querySelectorAll(".headerlink, script, style, .begrip-uitleggen, .afdruk-links").forEach(function (node) {
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
