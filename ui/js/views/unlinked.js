// Unlinked: one primary action, "Link Spotify account", with the permissions
// to request tucked into a collapsed "advanced" section.

import { button, h, icon, setInert, setText, shortId } from "../dom.js";
import { createScopePicker } from "../components/scope-picker.js";

function countText(n) {
  return n === 1 ? "1 selected" : `${n} selected`;
}

const MODE_LABEL = { deep_link: "deep link", loopback: "loopback" };

export function mount(root, { run }, { view }) {
  const picker = createScopePicker({
    catalogue: view.catalogue,
    presets: view.presets,
    selected: view.default_scopes,
    idPrefix: "scope",
  });

  const linkButton = button("Link Spotify account", () => run("start_link", { scopes: picker.selected(), relink: false }), {
    id: "link-button",
    class: "btn btn--primary btn--large",
  });

  const elsewhereButton = button(
    "Browser on another device?",
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
      h("h1", { id: "unlinked-title", class: "screen__title", tabindex: "-1", text: "Link your Spotify account" }),
      h("p", {
        class: "lead",
        text:
          "SpotLink opens Spotify's sign-in page in your browser. Once you approve, the link is kept " +
          "in this computer's keychain and the access token stays fresh on its own.",
      }),
      h("div", { class: "hero__actions" }, linkButton),
      h(
        "p",
        { class: "muted small" },
        "No browser here (a server, a remote session)? ",
        elsewhereButton,
      ),
    ),
    h(
      "details",
      { class: "card disclosure", id: "permissions" },
      h(
        "summary",
        { class: "disclosure__summary" },
        h("span", { class: "disclosure__title", text: "Permissions (advanced)" }),
        count,
      ),
      h(
        "div",
        { class: "disclosure__body" },
        h("p", {
          class: "muted small",
          text: "What SpotLink asks Spotify for. Spotify shows the same list before you approve, and may grant less.",
        }),
        picker.element,
      ),
    ),
    h(
      "p",
      { class: "screen-footer" },
      "Spotify app ",
      h("code", { class: "inline-code", title: config.client_id ?? "", text: shortId(config.client_id ?? "—") }),
      ` · ${MODE_LABEL[config.redirect_mode] ?? config.redirect_mode} redirect · `,
      button("Change client ID", () => run("edit_client_id"), { class: "btn btn--link", id: "edit-client-id" }),
    ),
  );

  function update({ view: next, inFlight }) {
    const starting = next.busy === "linking" || inFlight.has("start_link");
    setInert(linkButton, starting);
    setInert(elsewhereButton, starting);
    setText(linkButton, starting ? "Opening your browser…" : "Link Spotify account");
  }

  return { update, destroy() {} };
}
