/* Language tabs for the admin's translated fields.
 *
 * django-modeltranslation gives each translated field one input per language
 * ("title_en", "title_nl"), marked with the classes "mt mt-field-title-en". This
 * shows one language of each field at a time, behind tabs named after the
 * languages; choosing a language in one field shows it in every field, so an
 * editor reads and writes one language at a time. A tab whose field has an error
 * is marked, and the form opens on the first language with an error.
 *
 * Without the script every language's input is shown, labelled "Title [nl]".
 * Columns of tabular inlines stay side by side. The site's own script:
 * modeltranslation's needs jQuery UI from a CDN, which the admin's
 * Content-Security-Policy (script-src 'self') refuses.
 */
(function () {
  "use strict";

  const groups = [];
  let chosen = null;

  // Each language by its own name ("Nederlands"), as language choices are named.
  function languageName(code) {
    try {
      const names = new Intl.DisplayNames([code], { type: "language" });
      const name = names.of(code);
      return name.charAt(0).toUpperCase() + name.slice(1);
    } catch (error) {
      return code.toUpperCase();
    }
  }

  function languageOf(input) {
    const marker = Array.from(input.classList).find((name) =>
      name.startsWith("mt-field-"),
    );
    return marker ? marker.split("-").pop() : null;
  }

  function show(group, language) {
    const known = group.members.some((member) => member.language === language);
    const shown = known ? language : group.members[0].language;
    group.members.forEach((member) => {
      member.row.hidden = member.language !== shown;
    });
    group.tabs.forEach((tab) => {
      const selected = tab.dataset.language === shown;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
    });
  }

  function choose(language) {
    chosen = language;
    groups.forEach((group) => show(group, language));
  }

  function onKey(event) {
    const tabs = Array.from(event.target.parentElement.children);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) {
      return;
    }
    event.preventDefault();
    const next = tabs[(tabs.indexOf(event.target) + step + tabs.length) % tabs.length];
    choose(next.dataset.language);
    next.focus();
  }

  function addTabs(name, members) {
    const list = document.createElement("div");
    list.className = "language-tabs";
    list.setAttribute("role", "tablist");
    const label = members[0].row.querySelector("label");
    const fieldName = label
      ? label.textContent.replace(/\s*\[[\w-]+\]:?\s*$/, "")
      : name;
    list.setAttribute("aria-label", fieldName);
    const tabs = members.map((member) => {
      const tab = document.createElement("button");
      tab.type = "button";
      tab.className = "language-tabs__tab";
      tab.setAttribute("role", "tab");
      tab.dataset.language = member.language;
      tab.textContent = languageName(member.language);
      tab.lang = member.language;
      member.row.id = member.row.id || "language-" + name + "-" + member.language;
      member.row.setAttribute("role", "tabpanel");
      tab.setAttribute("aria-controls", member.row.id);
      if (member.row.querySelector(".errorlist, .errors")) {
        tab.classList.add("language-tabs__tab--error");
        tab.title = "This language has an error.";
      }
      tab.addEventListener("click", () => choose(member.language));
      tab.addEventListener("keydown", onKey);
      list.appendChild(tab);
      return tab;
    });
    members[0].row.before(list);
    const group = { members, tabs };
    groups.push(group);
    return group;
  }

  function setUp(root) {
    const found = new Map();
    root.querySelectorAll(".mt").forEach((input) => {
      const language = languageOf(input);
      const name = input.getAttribute("name") || "";
      if (!language || name.includes("__prefix__") || !name.endsWith("_" + language)) {
        return;
      }
      if (input.closest("td")) {
        return;
      }
      const row = input.closest(".fieldBox") || input.closest(".form-row");
      if (!row || row.dataset.language) {
        return;
      }
      row.dataset.language = language;
      const field = name.slice(0, -(language.length + 1));
      if (!found.has(field)) {
        found.set(field, []);
      }
      found.get(field).push({ language, row });
    });
    const added = [];
    found.forEach((members, field) => {
      if (members.length > 1) {
        added.push(addTabs(field, members));
      }
    });
    return added;
  }

  function start() {
    const added = setUp(document);
    const withError = added
      .flatMap((group) => group.tabs)
      .find((tab) => tab.classList.contains("language-tabs__tab--error"));
    choose(withError ? withError.dataset.language : null);
  }

  document.addEventListener("formset:added", (event) => {
    setUp(event.target).forEach((group) => show(group, chosen));
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
