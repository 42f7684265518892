// Unlinked: one primary action, "Link Spotify account", with the permissions
// to request tucked into a collapsed "advanced" section.

import { button, h, icon, setInert, setText, shortId } from "../dom.js";
import { t, tParts } from "../i18n.js";
import { createScopePicker } from "../components/scope-picker.js";
import { createLanguageSelect } from "../components/language-select.js";

function countText(n) {
  return t("window-unlinked-selected", { count: n });
}

const MODE_LABEL = {
  deep_link: () => t("window-redirect-mode-deep-link"),
  loopback: () => t("window-redirect-mode-loopback"),
};

export function mount(root, { run, activity }, { view }) {
  const picker = createScopePicker({
    catalogue: view.catalogue,
    presets: view.presets,
    selected: view.default_scopes,
    idPrefix: "scope",
  });

  const language = createLanguageSelect({ run });
  const linkButton = button(t("window-unlinked-link"), () => run("start_link", { scopes: picker.selected(), relink: false }), {
    id: "link-button",
    class: "btn btn--primary btn--large",
  });

  const elsewhereButton = button(
    t("window-unlinked-elsewhere"),
    () => run("start_link", { scopes: picker.selected(), relink: false, elsewhere: true }),
    { id: "link-elsewhere", class: "btn btn--link" },
  );

  const count = h("span", { class: "disclosure__count", text: countText(picker.selected().length) });
  picker.onChange((names) => setText(count, countText(names.length)));

  const config = view.config;
  root.append(
    h(
      "section",
      { class: "card hero", "aria-labelledby": "unlinked-title" },
      h("div", { class: "hero__badge", "aria-hidden": "true" }, icon("shield")),
      h("h1", { id: "unlinked-title", class: "screen__title", tabindex: "-1", text: t("window-unlinked-title") }),
      h("p", { class: "lead", text: t("window-unlinked-lead") }),
      h("div", { class: "hero__actions" }, linkButton),
      h("p", { class: "muted small" }, `${t("window-unlinked-no-browser")} `, elsewhereButton),
    ),
    h(
      "details",
      { class: "card disclosure", id: "permissions" },
      h(
        "summary",
        { class: "disclosure__summary" },
        h("span", { class: "disclosure__title", text: t("window-unlinked-permissions") }),
        count,
      ),
      h(
        "div",
        { class: "disclosure__body" },
        h("p", { class: "muted small", text: t("window-unlinked-permissions-text") }),
        picker.element,
      ),
    ),
    h(
      "p",
      { class: "screen-footer" },
      tParts("window-unlinked-footer", {
        id: h("code", { class: "inline-code", title: config.client_id ?? "", text: shortId(config.client_id ?? "—") }),
        mode: MODE_LABEL[config.redirect_mode]?.() ?? config.redirect_mode,
        change: button(t("window-unlinked-change-client-id"), () => run("edit_client_id"), {
          class: "btn btn--link",
          id: "edit-client-id",
        }),
      }),
    ),
    h("div", { class: "screen-settings" }, language.element),
    // The record outlives the links: what happened before an unlink stays to be seen.
    h(
      "p",
      { class: "screen-footer" },
      button(t("window-activity-open-record"), () => activity.open(), { class: "btn btn--link", id: "open-activity" }),
    ),
  );

  function update(snapshot) {
    const { view: next, inFlight } = snapshot;
    language.update(snapshot);
    const starting = next.busy === "linking" || inFlight.has("start_link");
    setInert(linkButton, starting);
    setInert(elsewhereButton, starting);
    setText(linkButton, starting ? t("window-unlinked-opening") : t("window-unlinked-link"));
  }

  return { update, destroy() {} };
}
