// Setup: what SpotLink needs (a Spotify app's Client ID), the redirect URIs
// to register for it, the redirect mode, and the Client ID form.

import { button, h, icon, setInert, setText, shortId } from "../dom.js";

const CLIENT_ID = /^[0-9a-f]{32}$/i;
const EMULATOR_CLIENT_ID = "spotlink-test-client";

const MODES = [
  {
    mode: "deep_link",
    label: "Deep link (recommended)",
    description: "Spotify sends you back to SpotLink through its own spotlink:// address.",
  },
  {
    mode: "loopback",
    label: "Loopback",
    description:
      "SpotLink listens on 127.0.0.1 for the answer. Use it where spotlink:// links do not reach the app.",
  },
];

/** Returns a sentence saying what is wrong with `value`, or null if it is acceptable. */
export function clientIdProblem(value, usingEmulator) {
  if (value === "") return "Paste the Client ID from your app's page in the dashboard.";
  if (usingEmulator && value === EMULATOR_CLIENT_ID) return null;
  if (CLIENT_ID.test(value)) return null;
  const length = value.length === 1 ? "1 character" : `${value.length} characters`;
  if (/^[0-9a-f]*$/i.test(value)) return `A Client ID has 32 characters; this one has ${length}.`;
  return "A Client ID uses only the digits 0–9 and the letters a–f.";
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

  // Step 1: the app at Spotify.
  const dashboardButton = button([icon("external"), "Open developer dashboard"], () => run("open_dashboard"), {
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
        h("span", { class: "choice__title", text: label }),
        h("span", { class: "choice__description", id: `redirect-mode-${mode}-desc`, text: description }),
      ),
      h(
        "div",
        { class: "uri" },
        h("code", { class: "uri__value", id: `redirect-uri-${mode}`, text: uri }),
        button([icon("copy"), "Copy"], () => run("copy_redirect_uri", { which: mode }), {
          class: "btn btn--small",
          id: `copy-redirect-${mode}`,
          "aria-label": `Copy ${uri}`,
        }),
      ),
    );
  });
  const modeGroup = h(
    "fieldset",
    { class: "choices" },
    h("legend", { class: "visually-hidden", text: "How Spotify returns to SpotLink" }),
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
    placeholder: config.using_emulator ? EMULATOR_CLIENT_ID : "32 characters, 0–9 and a–f",
    "aria-describedby": "client-id-hint client-id-error",
    value: config.client_id ?? "",
  });
  const inputError = h("p", { id: "client-id-error", class: "field__error", "aria-live": "polite" });
  const saveButton = h("button", { type: "submit", id: "save-client-id", class: "btn btn--primary" }, "Save");
  const keepButton = config.client_id
    ? button(`Keep the current ID (${shortId(config.client_id)})`, () => run("save_client_id", { clientId: config.client_id }), {
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
    h("label", { for: input.id, class: "field__label", text: "Client ID" }),
    h(
      "p",
      { id: "client-id-hint", class: "field__hint" },
      "On your app's page in the dashboard, under Basic Information.",
      config.using_emulator ? ` The local emulator accepts “${EMULATOR_CLIENT_ID}”.` : null,
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
      h("h1", { class: "screen__title", tabindex: "-1", text: config.client_id ? "Your Spotify app" : "Connect SpotLink to Spotify" }),
      h(
        "p",
        { class: "lead", text: "SpotLink needs the Client ID of a Spotify app that you create, for free, in Spotify's developer dashboard." },
      ),
    ),
    h(
      "ol",
      { class: "steps" },
      step(
        1,
        "Create an app",
        h("p", { text: "Sign in to the dashboard, create an app and tick “Web API”." }),
        h("div", { class: "actions" }, dashboardButton),
        h(
          "p",
          { class: "note" },
          icon("info", "note__icon"),
          h(
            "span",
            {},
            "New apps are in development mode: they work only for Spotify accounts the owner adds under ",
            h("strong", { text: "User Management" }),
            " in the dashboard.",
          ),
        ),
      ),
      step(
        2,
        "Add the redirect URI",
        h("p", { text: "In the app's settings, add the address of the mode you use under Redirect URIs. Registering both does no harm." }),
        modeGroup,
      ),
      step(3, "Paste the Client ID", form),
    ),
  );

  function update({ view: next, inFlight }) {
    const saving = next.busy === "saving" || inFlight.has("save_client_id");
    setInert(saveButton, saving);
    setText(saveButton, saving ? "Saving…" : "Save");
    if (keepButton) setInert(keepButton, saving);
    radios.forEach((radio, mode) => {
      radio.checked = next.config.redirect_mode === mode;
    });
  }

  return { update, destroy() {} };
}
