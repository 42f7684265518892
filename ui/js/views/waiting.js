// Waiting: the browser is showing Spotify's consent page. Says what was
// requested and how long the sign-in stays open; offers to reopen or copy the
// link, or cancel. The shell switches screens on success, error or timeout.

import { button, h, icon, scopeInfo, setInert, setText } from "../dom.js";
import { t } from "../i18n.js";
import { countdown, formatWhen, parseTime } from "../time.js";

/** At most this many requested scopes are listed open; more start collapsed. */
const OPEN_LIST_MAX = 6;

function scopeList(catalogue, names) {
  return h(
    "ul",
    { class: "scope-list", id: "pending-scopes" },
    names.map((name) => {
      const info = scopeInfo(catalogue, name);
      return h(
        "li",
        { class: "scope-list__item", dataset: { scope: name } },
        h("code", { class: "scope-name", text: name }),
        info.description ? h("span", { class: "scope-description", text: info.description }) : null,
      );
    }),
  );
}

export function mount(root, { run }) {
  let stopCountdown = () => {};
  let shownKey = null;
  const body = h("div", { class: "waiting__body" });
  const scopesSlot = h("div", { class: "waiting__scopes" });

  const openButton = button([icon("browser"), t("window-waiting-open-again")], () => run("open_authorize_url"), {
    id: "open-authorize-url",
    class: "btn btn--primary",
  });
  const copyButton = button([icon("copy"), t("window-waiting-copy-link")], () => run("copy_authorize_url"), {
    id: "copy-authorize-url",
  });
  const cancelButton = button(t("window-waiting-cancel"), () => run("cancel_link"), {
    id: "cancel-link",
    class: "btn btn--quiet",
  });

  // A browser on another device: the address to open there, and a field for the
  // address it ends on.
  const answerInput = h("input", {
    type: "url",
    id: "pasted-answer",
    class: "input input--mono",
    autocomplete: "off",
    spellcheck: "false",
    placeholder: "http://127.0.0.1:…/callback?code=…",
  });
  const answerButton = button(t("window-waiting-finish"), () => submitAnswer(), {
    id: "paste-answer",
    class: "btn btn--primary",
  });
  const addressBox = h("code", { id: "remote-authorize-url", class: "remote__address" });
  const remote = h(
    "div",
    { class: "remote", id: "remote-steps" },
    h(
      "ol",
      { class: "remote__steps" },
      h("li", {}, t("window-waiting-remote-open"), addressBox),
      h("li", { text: t("window-waiting-remote-approve") }),
      h("li", { text: t("window-waiting-remote-paste") }),
    ),
    h(
      "form",
      { class: "field", id: "paste-answer-form" },
      h("label", { for: answerInput.id, class: "field__label", text: t("window-waiting-remote-field") }),
      h("div", { class: "remote__row" }, answerInput, answerButton),
    ),
  );
  remote.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    submitAnswer();
  });
  async function submitAnswer() {
    const address = answerInput.value.trim();
    if (!address) {
      answerInput.focus();
      return;
    }
    const ok = await run("paste_answer", { address });
    answerInput.setAttribute("aria-invalid", ok ? "false" : "true");
  }
  const hereHint = h("p", { class: "muted small center", text: t("window-waiting-here-hint") });
  const title = h("h1", { id: "waiting-title", class: "screen__title", tabindex: "-1", text: t("window-waiting-title") });

  root.append(
    h(
      "section",
      { class: "card waiting", "aria-labelledby": "waiting-title" },
      h("div", { class: "hero__badge", "aria-hidden": "true" }, icon("browser")),
      title,
      body,
      remote,
      h("div", { class: "actions actions--center" }, openButton, copyButton, cancelButton),
      hereHint,
      scopesSlot,
    ),
  );

  function render(view) {
    const pending = view.pending;
    const key = JSON.stringify(pending);
    if (key === shownKey) return;
    shownKey = key;
    stopCountdown();
    stopCountdown = () => {};
    body.replaceChildren();
    scopesSlot.replaceChildren();
    if (!pending) return;

    remote.hidden = !pending.remote;
    hereHint.hidden = pending.remote;
    openButton.hidden = pending.remote;
    setText(title, pending.remote ? t("window-waiting-title-remote") : t("window-waiting-title"));
    setText(addressBox, pending.remote ? pending.authorize_url : "");
    let lead;
    if (pending.remote) {
      lead = pending.add_account ? t("window-waiting-lead-remote-add") : t("window-waiting-lead-remote");
    } else if (pending.add_account) {
      lead = t("window-waiting-lead-add");
    } else if (pending.relink) {
      lead = t("window-waiting-lead-relink");
    } else {
      lead = t("window-waiting-lead");
    }
    body.append(h("p", { class: "lead center", text: lead }));

    const expires = parseTime(pending.expires_at);
    if (expires !== null) {
      const line = h("p", {
        id: "pending-expiry",
        class: "waiting__expiry center",
        dataset: { expiresAt: pending.expires_at },
      });
      body.append(line);
      const until = formatWhen(expires);
      stopCountdown = countdown(expires, (left) =>
        setText(
          line,
          left.expired ? t("window-waiting-expired") : t("window-waiting-valid", { left: left.text, until }),
        ),
      );
    }

    const scopes = pending.scopes ?? [];
    if (scopes.length === 0) {
      scopesSlot.append(h("p", { class: "muted small center", text: t("window-waiting-no-scopes") }));
    } else {
      const details = h(
        "details",
        { class: "disclosure disclosure--plain" },
        h(
          "summary",
          { class: "disclosure__summary" },
          h("span", { class: "disclosure__title", text: t("window-waiting-requested") }),
          h("span", { class: "disclosure__count", text: String(scopes.length) }),
        ),
        h("div", { class: "disclosure__body" }, scopeList(view.catalogue, scopes)),
      );
      details.open = scopes.length <= OPEN_LIST_MAX;
      scopesSlot.append(details);
    }
  }

  function update({ view, inFlight }) {
    render(view);
    const cancelling = inFlight.has("cancel_link");
    setInert(cancelButton, cancelling);
    setInert(openButton, inFlight.has("open_authorize_url"));
    setInert(copyButton, inFlight.has("copy_authorize_url"));
    setText(cancelButton, cancelling ? t("window-waiting-cancelling") : t("window-waiting-cancel"));
    setInert(answerButton, inFlight.has("paste_answer") || view.busy === "linking");
  }

  return {
    update,
    destroy() {
      stopCountdown();
    },
  };
}
