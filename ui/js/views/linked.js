// Linked: who is linked, the (masked) access token with its live expiry, the
// link's own six-month expiry, the granted permissions, and relink / unlink.
// Elements are built once and updated in place, so focus and open dialogs
// survive the shell's frequent view updates.

import { button, h, icon, scopeInfo, setInert, setText } from "../dom.js";
import { countdown, days, formatDate, formatDateTime, formatWhen, parseTime } from "../time.js";
import { createScopePicker } from "../components/scope-picker.js";
import { openDialog } from "../components/confirm.js";

const HEALTH = {
  ok: { label: "Linked", tone: "ok" },
  renew_soon: { label: "Renew soon", tone: "warning" },
  expired: { label: "Expired", tone: "danger" },
  needs_relink: { label: "Needs relink", tone: "danger" },
};

const CLIPBOARD_CHOICES = [
  [null, "Off"],
  [30, "After 30 seconds"],
  [60, "After 60 seconds"],
  [120, "After 2 minutes"],
];

const regionNames = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(undefined, { type: "region" }) : null;

function countryName(code) {
  try {
    return regionNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

function planName(product) {
  if (product === "open") return "Free";
  return product.charAt(0).toUpperCase() + product.slice(1);
}

function initials(name) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

/** One of six avatar colours, stable per account. */
function avatarTone(id) {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 6;
}

function avatar(account, name, size = "") {
  const sizeClass = size ? ` avatar--${size}` : "";
  if (account.image && account.image.startsWith("data:")) {
    const px = size === "small" ? "32" : "64";
    return h("img", { class: `avatar${sizeClass}`, src: account.image, alt: "", width: px, height: px });
  }
  return h("span", {
    class: `avatar${sizeClass} avatar--tone${avatarTone(account.id)}`,
    "aria-hidden": "true",
    text: initials(name),
  });
}

function scopeItems(catalogue, names, missing) {
  return names.map((name) => {
    const info = scopeInfo(catalogue, name);
    return h(
      "li",
      { class: "scope-list__item", dataset: { scope: name } },
      icon(missing ? "warning" : "check", "scope-list__mark"),
      h("code", { class: "scope-name", text: name }),
      missing ? h("span", { class: "visually-hidden", text: " (not granted)" }) : null,
      info.description ? h("span", { class: "scope-description", text: info.description }) : null,
    );
  });
}

/** Re-runs `build` only when `value` changes (compared as JSON). */
function memo(build) {
  let last;
  return (value) => {
    const key = JSON.stringify(value);
    if (key === last) return;
    last = key;
    build(value);
  };
}

export function mount(root, { run }, first) {
  let view = first.view;
  let stopTokenCountdown = () => {};

  const requestedScopes = () => {
    const scopes = view.link?.scopes;
    return scopes?.requested?.length ? scopes.requested : (scopes?.granted ?? view.default_scopes);
  };
  const relinkNow = () => run("start_link", { scopes: requestedScopes(), relink: true });

  // --- Account ---------------------------------------------------------
  const avatarSlot = h("div", { class: "account__avatar" });
  const name = h("h1", { id: "account-name", class: "account__name", tabindex: "-1" });
  const meta = h("ul", { class: "account__meta", "aria-label": "Account details" });
  const status = h("span", { id: "link-status", class: "status" });
  const accountCard = h(
    "section",
    { class: "card account", "aria-labelledby": "account-name" },
    avatarSlot,
    h("div", { class: "account__text" }, name, meta),
    status,
  );
  const renderAccount = memo(([account]) => {
    const shown = account.display_name || account.id;
    setText(name, shown);
    avatarSlot.replaceChildren(avatar(account, shown));
    meta.replaceChildren(
      ...[
        account.product ? h("li", { class: "pill", text: planName(account.product) }) : null,
        account.email ? h("li", { text: account.email }) : null,
        account.country ? h("li", { text: countryName(account.country) }) : null,
        account.display_name ? h("li", { class: "muted", text: `ID ${account.id}` }) : null,
      ].filter(Boolean),
    );
  });

  // --- Accounts: the switcher -------------------------------------------
  const accountList = h("ul", { id: "account-list", class: "account-list", "aria-labelledby": "accounts-title" });
  const accountsCount = h("span", { class: "card__aside", id: "accounts-count" });
  const accountsHint = h("p", {
    class: "muted small",
    id: "accounts-hint",
    text:
      "Link another Spotify account (a family member's, a test account) beside this one and switch between them " +
      "here, in the tray or with spotlink switch.",
  });
  const addAccountButton = button([icon("plus"), "Add another account"], () => openAddAccountDialog(), {
    id: "add-account",
  });
  const accountsCard = h(
    "section",
    { class: "card accounts", id: "accounts", "aria-labelledby": "accounts-title" },
    h(
      "div",
      { class: "card__header" },
      h("h2", { id: "accounts-title", class: "card__title", text: "Accounts" }),
      accountsCount,
    ),
    accountList,
    accountsHint,
    h("div", { class: "actions" }, addAccountButton),
  );
  const switchButtons = [];
  const renderAccounts = memo(([accounts]) => {
    switchButtons.length = 0;
    accountList.replaceChildren(
      ...accounts.map((account) => {
        const health = account.health ? (HEALTH[account.health] ?? HEALTH.ok) : { label: "Cannot be read", tone: "danger" };
        const badge = h("span", { class: `status status--${health.tone}`, text: health.label });
        let action;
        if (account.active) {
          action = h("span", { class: "pill pill--active", text: "Active" });
        } else {
          action = button("Switch", () => run("switch_account", { id: account.id }), {
            class: "btn btn--small",
            dataset: { switchTo: account.id },
            "aria-label": `Switch to ${account.name}`,
          });
          switchButtons.push(action);
        }
        return h(
          "li",
          {
            class: `account-row${account.active ? " account-row--active" : ""}`,
            dataset: { account: account.id },
            "aria-current": account.active ? "true" : null,
            title: account.problem ?? null,
          },
          avatar(account, account.name, "small"),
          h("span", { class: "account-row__name", text: account.name }),
          badge,
          action,
        );
      }),
    );
    const several = accounts.length > 1;
    accountList.hidden = !several;
    accountsHint.hidden = several;
    setText(accountsCount, several ? `${accounts.length} linked` : "");
    // With several accounts the switcher sits under the active one; alone, the offer
    // to add another waits at the end.
    const anchor = several ? accountCard.nextSibling : null;
    if (accountsCard.previousSibling !== (several ? accountCard : linkCard)) root.insertBefore(accountsCard, anchor);
  });

  async function openAddAccountDialog() {
    const picker = createScopePicker({
      catalogue: view.catalogue,
      presets: view.presets,
      selected: requestedScopes(),
      idPrefix: "add-scope",
    });
    const elsewhere = h("input", { type: "checkbox", id: "add-account-elsewhere" });
    const confirmed = await openDialog({
      title: "Add another Spotify account",
      body: [
        h("p", {
          text:
            "Spotify's sign-in page opens in your browser. Sign in there with the other account; if Spotify shows " +
            "the account you are signed in with, choose \u201cNot you?\u201d. Both accounts stay linked, and the new one " +
            "becomes the active one.",
        }),
        picker.element,
        h(
          "div",
          { class: "check-row" },
          elsewhere,
          h(
            "label",
            { for: elsewhere.id, class: "check-row__label" },
            h("span", { text: "The browser is on another device" }),
            h("span", { class: "muted small", text: "Open the sign-in there and paste back the address it ends on." }),
          ),
        ),
      ],
      confirmLabel: "Continue",
      confirmId: "add-account-start",
      wide: true,
    });
    if (confirmed) run("add_account", { scopes: picker.selected(), elsewhere: elsewhere.checked });
  }

  // --- Health banner ---------------------------------------------------
  const healthSlot = h("div", { class: "health-slot" });
  const renderHealth = memo(([health, daysLeft, expiresAt, saidByError]) => {
    healthSlot.replaceChildren();
    // A relink_needed error banner already says this and offers Relink.
    if (health === "ok" || !HEALTH[health] || saidByError) return;
    const until = parseTime(expiresAt);
    let title;
    let text;
    if (health === "renew_soon") {
      title = daysLeft <= 0 ? "Your link ends today" : `Your link ends in ${days(daysLeft)}`;
      text =
        "Spotify ends every link six months after you approve it, and refreshing does not extend it. " +
        "Relink to start a new six months.";
    } else if (health === "expired") {
      title = "Your link has expired";
      text = `Spotify stopped accepting this link${until ? ` on ${formatDate(until)}` : ""}. Relink to keep using SpotLink.`;
    } else {
      title = "Spotify no longer accepts this link";
      text = "It was revoked or has run out, so SpotLink cannot get new access tokens. Relink to continue.";
    }
    const tone = HEALTH[health].tone;
    healthSlot.append(
      h(
        "section",
        { class: `banner banner--${tone}`, id: "health-banner", dataset: { health }, "aria-labelledby": "health-title" },
        icon("warning", "banner__icon"),
        h(
          "div",
          { class: "banner__body" },
          h("h2", { id: "health-title", class: "banner__title", text: title }),
          h("p", { class: "banner__message", text }),
          h(
            "div",
            { class: "banner__actions" },
            button("Relink", relinkNow, { class: `btn btn--small${tone === "danger" ? " btn--primary" : ""}`, id: "health-relink" }),
          ),
        ),
      ),
    );
  });

  // --- Access token ----------------------------------------------------
  const masked = h("code", { id: "token-masked", class: "token__value" });
  const expiry = h("p", { id: "token-expiry", class: "token__expiry" });
  const copyButton = button([icon("copy"), "Copy token"], () => run("copy_token"), {
    id: "copy-token",
    class: "btn btn--primary",
  });
  const refreshButton = button([icon("refresh"), h("span", { class: "refresh-label", text: "Refresh now" })], () => run("refresh_now"), {
    id: "refresh-now",
  });
  const refreshLabel = refreshButton.querySelector(".refresh-label");
  const clipboardSelect = h("select", { id: "clipboard-clear", class: "select" });
  clipboardSelect.addEventListener("change", () => {
    const value = clipboardSelect.value;
    run("set_clipboard_clear", { secs: value === "" ? null : Number(value) });
  });
  const tokenCard = h(
    "section",
    { class: "card token", "aria-labelledby": "token-title" },
    h(
      "div",
      { class: "card__header" },
      h("h2", { id: "token-title", class: "card__title" }, icon("key"), "Access token"),
    ),
    h("div", { class: "token__box" }, masked, expiry),
    h("div", { class: "actions" }, copyButton, refreshButton),
    h(
      "div",
      { class: "field field--inline" },
      h("label", { for: clipboardSelect.id, class: "field__label", text: "Clear the clipboard after copying" }),
      clipboardSelect,
    ),
    h("p", {
      class: "muted small",
      text: "The full token never appears in this window: Copy puts it straight on the clipboard.",
    }),
  );
  const renderToken = memo(([token, dead]) => {
    stopTokenCountdown();
    stopTokenCountdown = () => {};
    if (!token) {
      setText(masked, "No access token");
      masked.classList.add("token__value--none");
      expiry.removeAttribute("data-expires-at");
      setText(expiry, dead ? "Relink to get a new one." : "SpotLink gets one when it next refreshes.");
      return;
    }
    masked.classList.remove("token__value--none");
    setText(masked, token.masked);
    expiry.dataset.expiresAt = token.expires_at;
    const at = parseTime(token.expires_at);
    if (at === null) {
      setText(expiry, "");
      return;
    }
    const when = formatWhen(at);
    stopTokenCountdown = countdown(at, (left) => {
      expiry.classList.toggle("token__expiry--expired", left.expired);
      expiry.classList.toggle("token__expiry--soon", !left.expired && at - Date.now() < 2 * 60 * 1000);
      setText(expiry, left.expired ? `Expired at ${when}` : `Expires in ${left.text} · at ${when}`);
    });
  });
  const renderClipboard = memo(([secs]) => {
    const choices = [...CLIPBOARD_CHOICES];
    if (secs != null && !choices.some(([value]) => value === secs)) choices.push([secs, `After ${secs} seconds`]);
    clipboardSelect.replaceChildren(
      ...choices.map(([value, label]) => {
        const option = h("option", { value: value ?? "", text: label });
        option.selected = value === (secs ?? null);
        return option;
      }),
    );
  });

  // --- Permissions -----------------------------------------------------
  const granted = h("ul", { id: "granted-scopes", class: "scope-list" });
  const grantedEmpty = h("p", { class: "muted small", text: "No extra permissions: SpotLink can read only your public profile." });
  const notGranted = h("ul", { id: "not-granted-scopes", class: "scope-list scope-list--missing" });
  const notGrantedSection = h(
    "div",
    { class: "not-granted" },
    h("h3", { class: "subhead", id: "not-granted-title", text: "Requested but not granted" }),
    h("p", {
      class: "muted small",
      text: "Spotify did not grant these. Features that need them will not work until you relink and approve them.",
    }),
    notGranted,
  );
  notGranted.setAttribute("aria-labelledby", "not-granted-title");
  granted.setAttribute("aria-labelledby", "scopes-title");
  const relinkButton = button("Relink / change permissions", () => openRelinkDialog(), { id: "relink" });
  const scopesCard = h(
    "section",
    { class: "card", "aria-labelledby": "scopes-title" },
    h(
      "div",
      { class: "card__header" },
      h("h2", { id: "scopes-title", class: "card__title", text: "Permissions" }),
      h("span", { class: "card__aside", id: "scopes-count" }),
    ),
    granted,
    grantedEmpty,
    notGrantedSection,
    h("div", { class: "actions" }, relinkButton),
  );
  const scopesCount = scopesCard.querySelector("#scopes-count");
  const renderScopes = memo(([{ granted: grantedNames = [], not_granted: missingNames = [] }, catalogue]) => {
    granted.replaceChildren(...scopeItems(catalogue, grantedNames, false));
    granted.hidden = grantedNames.length === 0;
    grantedEmpty.hidden = grantedNames.length > 0;
    notGranted.replaceChildren(...scopeItems(catalogue, missingNames, true));
    notGrantedSection.hidden = missingNames.length === 0;
    setText(scopesCount, `${grantedNames.length} granted`);
  });

  async function openRelinkDialog() {
    const picker = createScopePicker({
      catalogue: view.catalogue,
      presets: view.presets,
      selected: requestedScopes(),
      idPrefix: "relink-scope",
    });
    const confirmed = await openDialog({
      title: "Relink or change permissions",
      body: [
        h("p", {
          text:
            "Spotify shows its sign-in page again, where you can approve these permissions or switch to another account. " +
            "A new link starts a new six months.",
        }),
        picker.element,
      ],
      confirmLabel: "Continue in browser",
      confirmId: "relink-start",
      wide: true,
    });
    if (confirmed) run("start_link", { scopes: picker.selected(), relink: true });
  }

  // --- This link: validity and unlink ----------------------------------
  const linkExpiry = h("p", { id: "link-expiry", class: "link__expiry" });
  const authorized = h("p", { class: "muted small", id: "link-authorized" });
  const unlinkButton = button([icon("unlink"), "Unlink"], () => openUnlinkDialog(), {
    id: "unlink",
    class: "btn btn--danger",
  });
  /** A checkbox with a label and a hint line; `command` gets `{ enabled }`. */
  function checkRow(id, label, hint, command) {
    const box = h("input", { type: "checkbox", id });
    box.addEventListener("change", () => run(command, { enabled: box.checked }));
    const row = h(
      "div",
      { class: "check-row" },
      box,
      h(
        "label",
        { for: id, class: "check-row__label" },
        h("span", { text: label }),
        h("span", { class: "muted small", text: hint }),
      ),
    );
    return { box, row, command };
  }
  const remind = checkRow(
    "notifications-toggle",
    "Remind me before the link ends",
    "A desktop notification 14, 3 and 1 day before, and if Spotify stops accepting the link.",
    "set_notifications",
  );
  const keepInTray = checkRow(
    "keep-in-tray-toggle",
    "Keep running in the tray when the window is closed",
    "The token stays fresh and the reminders arrive; copy the token from the tray's menu. Only where the desktop shows a tray.",
    "set_keep_in_tray",
  );
  const autostart = checkRow(
    "autostart-toggle",
    "Start at login",
    "SpotLink starts in the tray when you log in, without opening this window.",
    "set_autostart",
  );
  const linkCard = h(
    "section",
    { class: "card", "aria-labelledby": "link-title" },
    h("div", { class: "card__header" }, h("h2", { id: "link-title", class: "card__title", text: "This link" })),
    linkExpiry,
    authorized,
    remind.row,
    keepInTray.row,
    autostart.row,
    h(
      "div",
      { class: "unlink-row" },
      h("p", {
        class: "muted small",
        text: "Unlinking removes the link from this computer. Revoking SpotLink's access at Spotify is done on your account's Apps page.",
      }),
      unlinkButton,
    ),
  );
  const renderLink = memo(([expiresAt, daysLeft, authorizedAt, health]) => {
    const until = parseTime(expiresAt);
    linkExpiry.dataset.expiresAt = expiresAt;
    if (until === null) setText(linkExpiry, "");
    else if (health === "expired" || daysLeft < 0) setText(linkExpiry, `Link expired on ${formatDate(until)}`);
    else {
      const inDays = daysLeft === 0 ? "today" : `in ${days(daysLeft)}`;
      setText(linkExpiry, `Link valid until ${formatDate(until)} (${inDays})`);
    }
    const since = parseTime(authorizedAt);
    setText(
      authorized,
      `${since === null ? "" : `Approved on ${formatDateTime(since)}. `}` +
        "Spotify ends every link six months after approval; refreshing does not extend it, relinking starts a new six months.",
    );
  });

  async function openUnlinkDialog() {
    const others = (view.accounts ?? []).filter((a) => !a.active);
    const shown = view.link?.account?.display_name || view.link?.account?.id || "this account";
    const confirmed = await openDialog({
      title: others.length ? `Unlink ${shown}?` : "Unlink this computer?",
      body: [
        h("p", {
          text:
            "This removes the link from this computer: SpotLink deletes its tokens from the system keychain " +
            "and forgets the account in its settings." +
            (others.length ? ` ${others[0].name}${others.length > 1 ? " and the other accounts stay" : " stays"} linked.` : ""),
        }),
        h("p", {
          text:
            "Spotify will still list SpotLink as allowed. To revoke its access there too, remove SpotLink on " +
            "the Apps page of your Spotify account.",
        }),
      ],
      confirmLabel: "Unlink",
      confirmId: "unlink-confirm",
      tone: "danger",
      extra: [
        button([icon("external"), "Open Apps page"], () => run("open_account_apps"), {
          class: "btn btn--quiet",
          id: "confirm-account-apps",
        }),
      ],
    });
    if (confirmed) run("unlink");
  }

  root.append(accountCard, healthSlot, tokenCard, scopesCard, linkCard, accountsCard);

  function update(snapshot) {
    view = snapshot.view;
    const link = view.link;
    if (!link) return; // the shell switches screens right after; keep what is shown
    const { busy } = view;
    const inFlight = snapshot.inFlight;

    renderAccount([link.account]);
    renderAccounts([view.accounts ?? []]);
    renderHealth([link.health, link.days_left, link.link_expires_at, view.error?.kind === "relink_needed"]);
    const dead = link.health === "expired" || link.health === "needs_relink";
    renderToken([link.access_token, dead]);
    renderClipboard([view.clipboard_clear_secs ?? null]);
    renderScopes([link.scopes ?? {}, view.catalogue]);
    renderLink([link.link_expires_at, link.days_left, link.authorized_at, link.health]);
    remind.box.checked = view.notifications !== false;
    keepInTray.box.checked = view.keep_in_tray === true;
    autostart.box.checked = view.autostart === true;
    for (const { box, command } of [remind, keepInTray, autostart]) setInert(box, inFlight.has(command));

    const health = HEALTH[link.health] ?? HEALTH.ok;
    setText(status, health.label);
    status.className = `status status--${health.tone}`;

    const refreshing = busy === "refreshing" || inFlight.has("refresh_now");
    setInert(copyButton, !link.access_token || inFlight.has("copy_token") || busy === "unlinking");
    setInert(refreshButton, refreshing || dead || busy === "unlinking");
    setText(refreshLabel, refreshing ? "Refreshing…" : "Refresh now");
    setInert(relinkButton, busy === "linking" || busy === "unlinking");
    setInert(unlinkButton, busy === "unlinking" || inFlight.has("unlink"));
    const switching = busy === "switching" || inFlight.has("switch_account");
    for (const b of switchButtons) setInert(b, switching || busy === "linking" || busy === "unlinking");
    setInert(addAccountButton, busy === "linking" || busy === "unlinking" || switching);
  }

  return {
    update,
    destroy() {
      stopTokenCountdown();
    },
  };
}
