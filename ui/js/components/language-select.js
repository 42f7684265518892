// The language setting: "System default (<the desktop's language>)" and every
// language SpotLink speaks, each named in its own words (AppView.language). Choosing
// one sends `set_language`; the app then speaks it and main.js reloads the catalogue.

import { h, setInert } from "../dom.js";
import { t } from "../i18n.js";

/** `run` sends the shell command. Returns `{ element, update(snapshot) }`. */
export function createLanguageSelect({ run }) {
  const select = h("select", { id: "language-select", class: "select" });
  select.addEventListener("change", () => run("set_language", { language: select.value || null }));
  let shown = null;

  function update({ view, inFlight }) {
    setInert(select, inFlight.has("set_language"));
    const language = view.language;
    const key = JSON.stringify(language ?? null);
    if (!language || key === shown) return;
    shown = key;
    const choices = [...language.available];
    if (language.chosen && !choices.some((c) => c.tag === language.chosen)) {
      choices.push({ tag: language.chosen, name: language.chosen });
    }
    const system = h("option", {
      value: "",
      text: t("window-language-system", { name: language.system.name }),
    });
    select.replaceChildren(
      system,
      // Each language named in itself, and marked as such for screen readers.
      ...choices.map((c) => h("option", { value: c.tag, lang: c.tag, text: c.name })),
    );
    select.value = language.chosen ?? "";
  }

  const element = h(
    "div",
    { class: "field field--inline language-field" },
    h("label", { for: select.id, class: "field__label", text: t("window-language") }),
    select,
  );
  return { element, update };
}
