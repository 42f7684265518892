// Linked: who is linked, the (masked) access token with its live expiry, the way
// to the Activity view, the link's own six-month expiry, the granted permissions,
// and relink / unlink.
// Elements are built once and updated in place, so focus and open dialogs
// survive the shell's frequent view updates.

import { button, h, icon, memo, scopeInfo, setInert, setText } from "../dom.js";
import { countNumber, locale, t } from "../i18n.js";
import { countdown, days, formatDate, formatDateTime, formatWhen, inDays, parseTime } from "../time.js";
import { createScopePicker } from "../components/scope-picker.js";
import { createLanguageSelect } from "../components/language-select.js";
import { openDialog } from "../components/confirm.js";

const HEALTH = {
  ok: { label: () => t("window-health-ok"), tone: "ok" },
  renew_soon: { label: () => t("window-health-renew-soon"), tone: "warning" },
  expired: { label: () => t("window-health-expired"), tone: "danger" },
  needs_relink: { label: () => t("window-health-needs-relink"), tone: "danger" },
};

/** "After N seconds", never "After 3,600 seconds". */
const afterSeconds = (secs) => t("window-clipboard-after-seconds", { secs: countNumber(secs) });

const CLIPBOARD_CHOICES = [
  [null, () => t("window-clipboard-off")],
  [30, () => afterSeconds(30)],
  [60, () => afterSeconds(60)],
  [120, () => t("window-clipboard-after-minutes", { n: 2 })],
];

/** A country's name in the user's language ("Germany", "Германия"). */
function countryName(code) {
  try {
    return new Intl.DisplayNames(locale(), { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

function planName(product) {
  if (product === "open") return t("window-plan-free");
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
      missing ? h("span", { class: "visually-hidden", text: ` ${t("window-scope-not-granted")}` }) : null,
      info.description ? h("span", { class: "scope-description", text: info.description }) : null,
    );
  });
}

export function mount(root, { run, activity }, first) {
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
  const meta = h("ul", { class: "account__meta", "aria-label": t("window-account-details") });
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
        account.display_name ? h("li", { class: "muted", text: t("window-account-id", { id: account.id }) }) : null,
      ].filter(Boolean),
    );
  });

  // --- Accounts: the switcher -------------------------------------------
  const accountList = h("ul", { id: "account-list", class: "account-list", "aria-labelledby": "accounts-title" });
  const accountsCount = h("span", { class: "card__aside", id: "accounts-count" });
  const accountsHint = h("p", { class: "muted small", id: "accounts-hint", text: t("window-accounts-hint") });
  const addAccountButton = button([icon("plus"), t("window-accounts-add")], () => openAddAccountDialog(), {
    id: "add-account",
  });
  const accountsCard = h(
    "section",
    { class: "card accounts", id: "accounts", "aria-labelledby": "accounts-title" },
    h(
      "div",
      { class: "card__header" },
      h("h2", { id: "accounts-title", class: "card__title", text: t("window-accounts-title") }),
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
        const health = account.health
          ? (HEALTH[account.health] ?? HEALTH.ok)
          : { label: () => t("window-health-unreadable"), tone: "danger" };
        const badge = h("span", { class: `status status--${health.tone}`, text: health.label() });
        let action;
        if (account.active) {
          action = h("span", { class: "pill pill--active", text: t("window-accounts-active") });
        } else {
          action = button(t("window-accounts-switch"), () => run("switch_account", { id: account.id }), {
            class: "btn btn--small",
            dataset: { switchTo: account.id },
            "aria-label": t("window-accounts-switch-to", { name: account.name }),
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
    setText(accountsCount, several ? t("window-accounts-count", { count: accounts.length }) : "");
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
      title: t("window-add-title"),
      body: [
        h("p", { text: t("window-add-text") }),
        picker.element,
        h(
          "div",
          { class: "check-row" },
          elsewhere,
          h(
            "label",
            { for: elsewhere.id, class: "check-row__label" },
            h("span", { text: t("window-add-elsewhere") }),
            h("span", { class: "muted small", text: t("window-add-elsewhere-hint") }),
          ),
        ),
      ],
      confirmLabel: t("window-add-continue"),
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
      title = daysLeft <= 0 ? t("window-health-ends-today") : t("window-health-ends-in", { days: days(daysLeft) });
      text = t("window-health-renew-text");
    } else if (health === "expired") {
      title = t("window-health-expired-title");
      text = until
        ? t("window-health-expired-text-on", { date: formatDate(until) })
        : t("window-health-expired-text");
    } else {
      title = t("window-health-revoked-title");
      text = t("window-health-revoked-text");
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
            button(t("window-relink"), relinkNow, { class: `btn btn--small${tone === "danger" ? " btn--primary" : ""}`, id: "health-relink" }),
          ),
        ),
      ),
    );
  });

  // --- Access token ----------------------------------------------------
  const masked = h("code", { id: "token-masked", class: "token__value" });
  const expiry = h("p", { id: "token-expiry", class: "token__expiry" });
  const copyButton = button([icon("copy"), t("window-token-copy")], () => run("copy_token"), {
    id: "copy-token",
    class: "btn btn--primary",
  });
  const refreshButton = button(
    [icon("refresh"), h("span", { class: "refresh-label", text: t("window-token-refresh") })],
    () => run("refresh_now"),
    { id: "refresh-now" },
  );
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
      h("h2", { id: "token-title", class: "card__title" }, icon("key"), t("window-token-title")),
    ),
    h("div", { class: "token__box" }, masked, expiry),
    h("div", { class: "actions" }, copyButton, refreshButton),
    h(
      "div",
      { class: "field field--inline" },
      h("label", { for: clipboardSelect.id, class: "field__label", text: t("window-token-clipboard") }),
      clipboardSelect,
    ),
    h("p", { class: "muted small", text: t("window-token-never-shown") }),
  );
  const renderToken = memo(([token, dead]) => {
    stopTokenCountdown();
    stopTokenCountdown = () => {};
    if (!token) {
      setText(masked, t("window-token-none"));
      masked.classList.add("token__value--none");
      expiry.removeAttribute("data-expires-at");
      setText(expiry, dead ? t("window-token-none-dead") : t("window-token-none-later"));
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
      setText(expiry, left.expired ? t("window-token-expired-at", { when }) : t("window-token-expires", { left: left.text, when }));
    });
  });
  const renderClipboard = memo(([secs]) => {
    const choices = [...CLIPBOARD_CHOICES];
    if (secs != null && !choices.some(([value]) => value === secs)) choices.push([secs, () => afterSeconds(secs)]);
    clipboardSelect.replaceChildren(
      ...choices.map(([value, label]) => {
        const option = h("option", { value: value ?? "", text: label() });
        option.selected = value === (secs ?? null);
        return option;
      }),
    );
  });

  // --- Activity: the way to the record --------------------------------
  const activityButton = button([icon("list"), t("window-activity-open")], () => activity.open(), {
    id: "open-activity",
  });
  const activityCard = h(
    "section",
    { class: "card activity-card", "aria-labelledby": "activity-card-title" },
    h(
      "div",
      { class: "activity-card__text" },
      h("h2", { id: "activity-card-title", class: "card__title", text: t("window-activity-card-title") }),
      h("p", { class: "muted small", text: t("window-activity-card-text") }),
    ),
    activityButton,
  );

  // --- Permissions -----------------------------------------------------
  const granted = h("ul", { id: "granted-scopes", class: "scope-list" });
  const grantedEmpty = h("p", { class: "muted small", text: t("window-scopes-none") });
  const notGranted = h("ul", { id: "not-granted-scopes", class: "scope-list scope-list--missing" });
  const notGrantedSection = h(
    "div",
    { class: "not-granted" },
    h("h3", { class: "subhead", id: "not-granted-title", text: t("window-scopes-missing-title") }),
    h("p", { class: "muted small", text: t("window-scopes-missing-text") }),
    notGranted,
  );
  notGranted.setAttribute("aria-labelledby", "not-granted-title");
  granted.setAttribute("aria-labelledby", "scopes-title");
  const relinkButton = button(t("window-scopes-relink"), () => openRelinkDialog(), { id: "relink" });
  const scopesCard = h(
    "section",
    { class: "card", "aria-labelledby": "scopes-title" },
    h(
      "div",
      { class: "card__header" },
      h("h2", { id: "scopes-title", class: "card__title", text: t("window-scopes-title") }),
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
    setText(scopesCount, t("window-scopes-granted", { count: grantedNames.length }));
  });

  async function openRelinkDialog() {
    const picker = createScopePicker({
      catalogue: view.catalogue,
      presets: view.presets,
      selected: requestedScopes(),
      idPrefix: "relink-scope",
    });
    const confirmed = await openDialog({
      title: t("window-relink-title"),
      body: [h("p", { text: t("window-relink-text") }), picker.element],
      confirmLabel: t("window-relink-continue"),
      confirmId: "relink-start",
      wide: true,
    });
    if (confirmed) run("start_link", { scopes: picker.selected(), relink: true });
  }

  // --- This link: validity and unlink ----------------------------------
  const linkExpiry = h("p", { id: "link-expiry", class: "link__expiry" });
  const authorized = h("p", { class: "muted small", id: "link-authorized" });
  const unlinkButton = button([icon("unlink"), t("window-link-unlink")], () => openUnlinkDialog(), {
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
  const remind = checkRow("notifications-toggle", t("window-remind"), t("window-remind-hint"), "set_notifications");
  const alerts = checkRow("alerts-toggle", t("window-alerts"), t("window-alerts-hint"), "set_alerts");
  const keepInTray = checkRow(
    "keep-in-tray-toggle",
    t("window-keep-in-tray"),
    t("window-keep-in-tray-hint"),
    "set_keep_in_tray",
  );
  const autostart = checkRow("autostart-toggle", t("window-autostart"), t("window-autostart-hint"), "set_autostart");
  const language = createLanguageSelect({ run });
  const linkCard = h(
    "section",
    { class: "card", "aria-labelledby": "link-title" },
    h("div", { class: "card__header" }, h("h2", { id: "link-title", class: "card__title", text: t("window-link-title") })),
    linkExpiry,
    authorized,
    remind.row,
    alerts.row,
    keepInTray.row,
    autostart.row,
    language.element,
    h("div", { class: "unlink-row" }, h("p", { class: "muted small", text: t("window-unlink-text") }), unlinkButton),
  );
  const renderLink = memo(([expiresAt, daysLeft, authorizedAt, health]) => {
    const until = parseTime(expiresAt);
    linkExpiry.dataset.expiresAt = expiresAt;
    if (until === null) setText(linkExpiry, "");
    else if (health === "expired" || daysLeft < 0) setText(linkExpiry, t("window-link-expired-on", { date: formatDate(until) }));
    else {
      const when = daysLeft === 0 ? t("window-today") : inDays(daysLeft);
      setText(linkExpiry, t("window-link-valid-until", { date: formatDate(until), when }));
    }
    const since = parseTime(authorizedAt);
    const approved = since === null ? "" : `${t("window-link-approved", { date: formatDateTime(since) })} `;
    setText(authorized, approved + t("window-link-six-months"));
  });

  async function openUnlinkDialog() {
    const others = (view.accounts ?? []).filter((a) => !a.active);
    const shown = view.link?.account?.display_name || view.link?.account?.id;
    let title = t("window-unlink-title");
    if (others.length) title = shown ? t("window-unlink-title-account", { name: shown }) : t("window-unlink-title-this-account");
    let stays = "";
    if (others.length > 1) stays = ` ${t("window-unlink-others-stay", { name: others[0].name })}`;
    else if (others.length === 1) stays = ` ${t("window-unlink-other-stays", { name: others[0].name })}`;
    const confirmed = await openDialog({
      title,
      body: [h("p", { text: t("window-unlink-body") + stays }), h("p", { text: t("window-unlink-apps") })],
      confirmLabel: t("window-unlink-confirm"),
      confirmId: "unlink-confirm",
      tone: "danger",
      extra: [
        button([icon("external"), t("window-unlink-open-apps")], () => run("open_account_apps"), {
          class: "btn btn--quiet",
          id: "confirm-account-apps",
        }),
      ],
    });
    if (confirmed) run("unlink");
  }

  root.append(accountCard, healthSlot, tokenCard, activityCard, scopesCard, linkCard, accountsCard);

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
    alerts.box.checked = view.alerts !== false;
    keepInTray.box.checked = view.keep_in_tray === true;
    autostart.box.checked = view.autostart === true;
    for (const { box, command } of [remind, alerts, keepInTray, autostart]) setInert(box, inFlight.has(command));
    language.update(snapshot);

    const health = HEALTH[link.health] ?? HEALTH.ok;
    setText(status, health.label());
    status.className = `status status--${health.tone}`;

    const refreshing = busy === "refreshing" || inFlight.has("refresh_now");
    setInert(copyButton, !link.access_token || inFlight.has("copy_token") || busy === "unlinking");
    setInert(refreshButton, refreshing || dead || busy === "unlinking");
    setText(refreshLabel, refreshing ? t("window-token-refreshing") : t("window-token-refresh"));
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
