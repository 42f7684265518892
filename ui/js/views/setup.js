// Setup: what SpotLink needs (a Spotify app's Client ID), the redirect URIs
// to register for it, the redirect mode, and the Client ID form.

import { button, h, icon, setInert, setText, shortId } from "../dom.js";
import { t, tParts } from "../i18n.js";
import { createLanguageSelect } from "../components/language-select.js";

const CLIENT_ID = /^[0-9a-f]{32}$/i;
const EMULATOR_CLIENT_ID = "spotlink-test-client";

const MODES = [
  {
    mode: "deep_link",
    label: () => t("window-setup-mode-deep-link"),
    description: () => t("window-setup-mode-deep-link-description"),
  },
  {
    mode: "loopback",
    label: () => t("window-setup-mode-loopback"),
    description: () => t("window-setup-mode-loopback-description"),
  },
];

/** Returns a sentence saying what is wrong with `value`, or null if it is acceptable. */
export function clientIdProblem(value, usingEmulator) {
  if (value === "") return t("window-setup-client-id-empty");
  if (usingEmulator && value === EMULATOR_CLIENT_ID) return null;
  if (CLIENT_ID.test(value)) return null;
  if (/^[0-9a-f]*$/i.test(value)) return t("window-setup-client-id-length", { length: value.length });
  return t("window-setup-client-id-characters");
}

function step(number, title, ...content) {
  return h(
    "li",
    { class: "step card" },
    h("span", { class: "step__number", "aria-hidden": "true", text: String(number) }),
    h("div", { class: "step__content" }, h("h2", { class: "step__title", text: title }), content),
  );
}

export function mount(root, { run }, { view }) {
  const config = view.config;
  const language = createLanguageSelect({ run });

  // Step 1: the app at Spotify.
  const dashboardButton = button([icon("external"), t("window-setup-open-dashboard")], () => run("open_dashboard"), {
    id: "open-dashboard",
  });

  // Step 2: redirect mode and URIs.
  const radios = new Map();
  const modeOptions = MODES.map(({ mode, label, description }) => {
    const radio = h("input", {
      type: "radio",
      name: "redirect-mode",
      id: `redirect-mode-${mode}`,
      value: mode,
      class: "choice__input",
      "aria-describedby": `redirect-mode-${mode}-desc redirect-uri-${mode}`,
    });
    radio.checked = config.redirect_mode === mode;
    radios.set(mode, radio);
    const uri = config.redirect_uris?.[mode] ?? "";
    return h(
      "div",
      { class: "choice choice--uri" },
      radio,
      h(
        "label",
        { for: radio.id, class: "choice__label" },
        h("span", { class: "choice__title", text: label() }),
        h("span", { class: "choice__description", id: `redirect-mode-${mode}-desc`, text: description() }),
      ),
      h(
        "div",
        { class: "uri" },
        h("code", { class: "uri__value", id: `redirect-uri-${mode}`, text: uri }),
        button([icon("copy"), t("window-setup-copy")], () => run("copy_redirect_uri", { which: mode }), {
          class: "btn btn--small",
          id: `copy-redirect-${mode}`,
          "aria-label": t("window-setup-copy-uri", { uri }),
        }),
      ),
    );
  });
  const modeGroup = h(
    "fieldset",
    { class: "choices" },
    h("legend", { class: "visually-hidden", text: t("window-setup-modes-legend") }),
    modeOptions,
  );
  modeGroup.addEventListener("change", (event) => run("set_redirect_mode", { mode: event.target.value }));

  // Step 3: the Client ID.
  const input = h("input", {
    id: "client-id-input",
    name: "client_id",
    type: "text",
    class: "input input--mono",
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
    inputmode: "text",
    maxlength: "64",
    placeholder: config.using_emulator ? EMULATOR_CLIENT_ID : t("window-setup-client-id-placeholder"),
    "aria-describedby": "client-id-hint client-id-error",
    value: config.client_id ?? "",
  });
  const inputError = h("p", { id: "client-id-error", class: "field__error", "aria-live": "polite" });
  const saveButton = h("button", { type: "submit", id: "save-client-id", class: "btn btn--primary" }, t("window-setup-save"));
  const keepButton = config.client_id
    ? button(t("window-setup-keep", { id: shortId(config.client_id) }), () => run("save_client_id", { clientId: config.client_id }), {
        id: "keep-client-id",
        class: "btn btn--quiet btn--small",
      })
    : null;

  let attempted = false;
  const check = () => {
    const problem = clientIdProblem(input.value.trim(), config.using_emulator);
    setText(inputError, attempted && problem ? problem : "");
    if (attempted && problem) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    return problem;
  };
  // Judge while typing only after a first attempt: no red text on an empty field.
  input.addEventListener("input", check);

  const form = h(
    "form",
    { class: "field", novalidate: true },
    h("label", { for: input.id, class: "field__label", text: t("window-setup-client-id") }),
    h(
      "p",
      { id: "client-id-hint", class: "field__hint" },
      t("window-setup-client-id-hint"),
      config.using_emulator ? ` ${t("window-setup-emulator-hint", { id: EMULATOR_CLIENT_ID })}` : null,
    ),
    h("div", { class: "field__row" }, input, saveButton),
    inputError,
    keepButton ? h("div", { class: "field__secondary" }, keepButton) : null,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (saveButton.getAttribute("aria-disabled") === "true") return;
    attempted = true;
    if (check()) {
      input.focus();
      return;
    }
    run("save_client_id", { clientId: input.value.trim() });
  });

  root.append(
    h(
      "div",
      { class: "intro" },
      h("h1", {
        class: "screen__title",
        tabindex: "-1",
        text: config.client_id ? t("window-setup-title-existing") : t("window-setup-title-new"),
      }),
      h("p", { class: "lead", text: t("window-setup-lead") }),
    ),
    h(
      "ol",
      { class: "steps" },
      step(
        1,
        t("window-setup-step-create"),
        h("p", { text: t("window-setup-create-text") }),
        h("div", { class: "actions" }, dashboardButton),
        h(
          "p",
          { class: "note" },
          icon("info", "note__icon"),
          h(
            "span",
            {},
            tParts("window-setup-development-mode", {
              place: h("strong", { text: t("window-setup-user-management") }),
            }),
          ),
        ),
      ),
      step(
        2,
        t("window-setup-step-redirect"),
        h("p", { text: t("window-setup-redirect-text") }),
        modeGroup,
      ),
      step(3, t("window-setup-step-client-id"), form),
    ),
    h("div", { class: "screen-settings" }, language.element),
  );

  function update(snapshot) {
    const { view: next, inFlight } = snapshot;
    language.update(snapshot);
    const saving = next.busy === "saving" || inFlight.has("save_client_id");
    setInert(saveButton, saving);
    setText(saveButton, saving ? t("window-setup-saving") : t("window-setup-save"));
    if (keepButton) setInert(keepButton, saving);
    radios.forEach((radio, mode) => {
      radio.checked = next.config.redirect_mode === mode;
    });
  }

  return { update, destroy() {} };
}
