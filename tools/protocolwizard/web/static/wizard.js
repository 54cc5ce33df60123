/* Protocolwizard: keeps the answers in this browser (localStorage) after every change, offers to continue
   on return, and adds small conveniences. The wizard works without this script; nothing is sent anywhere. */
(function () {
  "use strict";
  var KEY = "protocolwizard";
  var body = document.body;

  function stored() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "null");
      return value && typeof value.antwoorden === "string" && value.antwoorden ? value : null;
    } catch (error) {
      return null;
    }
  }

  function fieldsOf(form) {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.type === "hidden" || element.type === "submit" || element.type === "file") return;
      if (element.type === "radio" || element.type === "checkbox") {
        fields[element.name] = fields[element.name] || [];
        if (element.checked) fields[element.name].push(element.value);
      } else {
        fields[element.name] = element.value;
      }
    });
    return fields;
  }

  function save(form) {
    var answers = form.querySelector("[data-antwoorden]");
    if (!answers) return;
    try {
      window.localStorage.setItem(KEY, JSON.stringify({
        antwoorden: answers.value, stap: body.getAttribute("data-stap"), velden: fieldsOf(form), tijd: Date.now()
      }));
    } catch (error) { /* storage full or switched off: the wizard still works without it */ }
  }

  function restore(form, saved) {
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || !(element.name in saved.velden) || element.type === "hidden") return;
      var value = saved.velden[element.name];
      if (element.type === "radio" || element.type === "checkbox") {
        element.checked = Array.isArray(value) && value.indexOf(element.value) !== -1;
      } else if (typeof value === "string") {
        element.value = value;
      }
    });
  }

  function revealChangeText(form) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-wijzigen]"), function (block) {
      var name = block.querySelector("textarea").name.replace(/^tekst\./, "besluit.");
      var update = function () {
        var chosen = form.querySelector('input[name="' + name + '"]:checked');
        block.hidden = !!chosen && chosen.value !== "wijzigen";
      };
      Array.prototype.forEach.call(form.querySelectorAll('input[name="' + name + '"]'), function (radio) {
        radio.addEventListener("change", update);
      });
      update();
    });
  }

  var form = document.querySelector("form[data-bewaar]");
  if (form) {
    var saved = stored();
    if (body.hasAttribute("data-herstel") && saved && saved.stap === body.getAttribute("data-stap") && saved.velden) {
      restore(form, saved);
    }
    // A kwestie opened from the handbook starts afresh; earlier answers in this browser are not overwritten
    // by it (the page offers to continue with them) until the leader sends this page.
    var keepEarlier = body.hasAttribute("data-vers") && saved;
    if (!keepEarlier) save(form);
    form.addEventListener("input", function () { if (!keepEarlier) save(form); });
    form.addEventListener("change", function () { if (!keepEarlier) save(form); });
    revealChangeText(form);
  }

  var offer = document.querySelector("[data-verder]");
  var earlier = document.querySelector("[data-eerder]");
  var previous = stored();
  if (offer && previous) {
    offer.querySelector("[data-verder-antwoorden]").value = previous.antwoorden;
    if (previous.stap && previous.stap !== "start") offer.querySelector("[data-verder-naar]").value = previous.stap;
    if (previous.tijd) {
      offer.querySelector("[data-verder-tijd]").textContent = " (" + new Date(previous.tijd).toLocaleString("nl-NL") + ")";
    }
    offer.hidden = false;
    offer.querySelector("[data-vergeet]").addEventListener("click", function () {
      window.localStorage.removeItem(KEY);
      offer.hidden = true;
    });
  }
  if (earlier && previous) {
    earlier.querySelector("[data-eerder-antwoorden]").value = previous.antwoorden;
    earlier.hidden = false;
  }

  var summary = document.querySelector("[data-foutoverzicht]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.scrollIntoView({block: "center"});
        target.focus();
      }
    });
  }
}());
