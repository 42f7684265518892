// The permission picker: presets as a radio group, then every scope in the
// catalogue as a checkbox, grouped by category. Choosing a preset ticks its
// scopes; ticking boxes by hand selects the preset that matches, or "Custom".
// The checkboxes hold the selection; nothing here outlives the picker.

import { h } from "../dom.js";
import { t } from "../i18n.js";

function sameSet(a, b) {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/**
 * `catalogue`, `presets`: from the AppView. `selected`: scope names ticked at
 * first. `idPrefix` keeps ids unique if two pickers ever coexist.
 * Returns `{ element, selected(), onChange(fn) }`.
 */
export function createScopePicker({ catalogue, presets, selected, idPrefix = "scope" }) {
  const known = new Set(catalogue.map((scope) => scope.name));
  const initial = new Set(selected.filter((name) => known.has(name)));
  const listeners = new Set();
  const boxes = new Map();
  const presetRadios = new Map();

  const selectedNames = () => catalogue.filter((s) => boxes.get(s.name).checked).map((s) => s.name);

  function syncPreset() {
    const now = new Set(selectedNames());
    let match = "custom";
    for (const preset of presets) {
      if (sameSet(now, new Set(preset.scopes.filter((n) => known.has(n))))) {
        match = preset.id;
        break;
      }
    }
    presetRadios.forEach((radio, id) => {
      radio.checked = id === match;
    });
  }

  function changed() {
    syncPreset();
    const names = selectedNames();
    listeners.forEach((fn) => fn(names));
  }

  function presetOption(id, label, description, count) {
    const radio = h("input", {
      type: "radio",
      name: `${idPrefix}-preset`,
      id: `${idPrefix}-preset-${id}`,
      value: id,
      class: "choice__input",
      "aria-describedby": `${idPrefix}-preset-${id}-desc`,
    });
    presetRadios.set(id, radio);
    return h(
      "div",
      { class: "choice" },
      radio,
      h(
        "label",
        { for: radio.id, class: "choice__label" },
        h("span", { class: "choice__title", text: label }),
        h("span", { class: "choice__description", id: `${idPrefix}-preset-${id}-desc`, text: description }),
      ),
      count == null ? null : h("span", { class: "choice__count", "aria-hidden": "true", text: count }),
    );
  }

  const presetGroup = h(
    "fieldset",
    { class: "presets" },
    h("legend", { class: "presets__legend", text: t("window-scopes-start-from") }),
    h(
      "div",
      { class: "presets__options" },
      presets.map((p) => presetOption(p.id, p.label, p.description, String(p.scopes.length))),
      presetOption("custom", t("window-scopes-custom"), t("window-scopes-custom-description"), null),
    ),
  );
  presetGroup.addEventListener("change", (event) => {
    const preset = presets.find((p) => p.id === event.target.value);
    if (!preset) return; // "Custom" keeps the boxes as they are
    const wanted = new Set(preset.scopes);
    boxes.forEach((box, name) => {
      box.checked = wanted.has(name);
    });
    changed();
  });

  // Categories in catalogue order.
  const categories = new Map();
  for (const scope of catalogue) {
    if (!categories.has(scope.category)) categories.set(scope.category, { label: scope.category_label, scopes: [] });
    categories.get(scope.category).scopes.push(scope);
  }

  const groups = [...categories.entries()].map(([category, { label, scopes }]) =>
    h(
      "fieldset",
      { class: "scope-group", dataset: { category } },
      h("legend", { class: "scope-group__legend", text: label || category }),
      h(
        "ul",
        { class: "scope-options" },
        scopes.map((scope) => {
          const box = h("input", {
            type: "checkbox",
            id: `${idPrefix}-${scope.name}`,
            value: scope.name,
            class: "scope-option__input",
          });
          box.checked = initial.has(scope.name);
          boxes.set(scope.name, box);
          return h(
            "li",
            { class: "scope-option", dataset: { scope: scope.name } },
            box,
            h(
              "label",
              { for: box.id, class: "scope-option__label" },
              h("code", { class: "scope-name", text: scope.name }),
              h("span", { class: "scope-description", text: scope.description }),
            ),
          );
        }),
      ),
    ),
  );
  const scopeList = h("div", { class: "scope-groups" }, groups);
  scopeList.addEventListener("change", changed);

  syncPreset();

  return {
    element: h("div", { class: "scope-picker" }, presetGroup, scopeList),
    /** The ticked scope names, in catalogue order. */
    selected: selectedNames,
    /** Calls `fn(names)` after every change by the user. */
    onChange(fn) {
      listeners.add(fn);
    },
  };
}
