// Activity: the engine's record of what happened to the links on this computer and
// which programs took a token, as the shell's `activity` command sends it (an
// ActivityView, docs/ui.md). Shown in place of the screen; "Back" or Escape returns to
// it. The filters, the tokens each program took, the refusals and failures, the entries
// day by day, what the record cannot see, and "Clear activity…". Built once and
// updated in place, like the screens, so focus and an open dialog survive the updates.

import { button, h, icon, memo, setInert, setText } from "../dom.js";
import { countNumber, locale, t, tParts } from "../i18n.js";
import { formatClockSeconds, formatDate, formatWhen, parseTime } from "../time.js";
import { openDialog } from "../components/confirm.js";

/** Every event, in the order the record's engine lists them (Event::ALL). */
const EVENTS = [
  "link",
  "relink",
  "unlink",
  "switch",
  "refresh",
  "refresh-refused",
  "refresh-failed",
  "token",
  "api",
  "copy",
  "clipboard-cleared",
  "reminder",
  "wake",
  "cleared",
];
/** A token left SpotLink (Event::hands_out_token). */
const TOKENS = ["token", "api", "copy"];
/** A refusal or a failure (Event::is_trouble). */
const TROUBLE = ["refresh-refused", "refresh-failed"];
/** The event filter's groups, besides each event on its own. */
const GROUPS = { tokens: TOKENS, trouble: TROUBLE };

const SINCE = [
  ["hour", () => t("window-activity-since-hour")],
  ["day", () => t("window-activity-since-day")],
  ["week", () => t("window-activity-since-week")],
  ["all", (days) => t("window-activity-since-all", { days })],
];

/** The `activity` command's `filter` for the choices made in the view (store.js's). */
export function filterArgs(filter) {
  const events = GROUPS[filter.event] ?? (filter.event ? [filter.event] : []);
  return { since: filter.since, account: filter.account || null, program: filter.program || null, events };
}

/** The events the event filter lets through (all of them when none is chosen). */
function eventsShown(filter) {
  return filterArgs(filter).events.length ? filterArgs(filter).events : EVENTS;
}

/** "Token taken", "Refused by Spotify". */
function eventWords(event) {
  return t("window-activity-event", { event });
}

/** The start of the local day of `ms`. */
function dayOf(ms) {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** "Today", "Yesterday", or the day ("5 Dec 2026"). */
function dayLabel(day, now = Date.now()) {
  const days = Math.round((dayOf(now) - day) / 86_400_000);
  if (days === 0) return t("window-activity-today");
  if (days === 1) return t("window-activity-yesterday");
  return formatDate(day);
}

/** A count written the locale's way ("1,234"; "1 234"). */
function number(n) {
  return n.toLocaleString(locale());
}

/** Data (a name, a path, an id): the same in every language. */
function data(text, title = null, tag = "span") {
  return h(tag, { class: "activity-data", text, title });
}

/** A program's name, its executable and process id on hover. */
function programName(program) {
  let title = program.exe ?? null;
  if (program.exe && program.pid != null) title = t("window-activity-program-exe", { exe: program.exe, pid: String(program.pid) });
  return data(program.name, title);
}

/** What the entry's `detail` says, in words where the record has its own terms for it. */
function detailOf(entry) {
  const detail = entry.detail;
  if (!detail) return null;
  switch (entry.event) {
    case "copy":
      if (detail === "window") return h("span", { class: "entry__fact", text: t("window-activity-detail-window") });
      if (detail === "tray") return h("span", { class: "entry__fact", text: t("window-activity-detail-tray") });
      break;
    case "refresh":
      if (detail === "renewed") return null;
      if (detail === "rotated") return h("span", { class: "entry__fact", text: t("window-activity-detail-rotated") });
      break;
    case "link":
    case "relink": {
      const scopes = detail.split(/\s+/).filter(Boolean);
      if (!scopes.length) return null;
      const names = scopes.map((name, i) => [i ? ", " : "", h("code", { class: "scope-name", text: name })]);
      return h("span", { class: "entry__fact" }, tParts("window-activity-entry-scopes", { scopes: h("span", {}, names) }));
    }
    case "api":
      return data(detail, null, "code");
    case "refresh-refused": {
      // Spotify's reason: someone else's words.
      const words = data(detail);
      words.lang = "en";
      return words;
    }
    case "refresh-failed":
      // The kind of failure (network, timeout, …), in words.
      return h("span", { class: "entry__fact", text: t("window-activity-detail-failed", { kind: detail }) });
    case "reminder":
      return h("span", { class: "entry__fact", text: t("window-activity-detail-reminder", { threshold: detail }) });
    case "wake":
      return h("span", { class: "entry__fact", text: t("window-activity-detail-wake", { reason: detail }) });
    case "clipboard-cleared":
      if (detail === "quit") return h("span", { class: "entry__fact", text: t("window-activity-detail-quit") });
      break;
    default:
      break;
  }
  return data(detail);
}

/** One entry: what happened and when (`when(ms)` words the time), whose, which program. */
function entryItem(entry, names, when) {
  const at = parseTime(entry.time);
  const trouble = TROUBLE.includes(entry.event);
  const facts = [];
  if (entry.account) {
    const name = names.get(entry.account) ?? entry.account;
    const account = data(name, name === entry.account ? null : entry.account);
    facts.push(h("span", { class: "entry__fact" }, tParts("window-activity-entry-account", { name: account })));
  }
  if (entry.program) {
    const program = tParts("window-activity-entry-program", { name: programName(entry.program) });
    facts.push(h("span", { class: "entry__fact" }, program));
  }
  const detail = detailOf(entry);
  if (detail) facts.push(detail);
  return h(
    "li",
    { class: `entry${trouble ? " entry--trouble" : ""}`, dataset: { event: entry.event } },
    h(
      "div",
      { class: "entry__head" },
      trouble ? icon("warning", "entry__mark") : null,
      h("span", { class: "entry__event", text: eventWords(entry.event) }),
      h("time", { class: "entry__time", datetime: entry.time, text: at === null ? entry.time : when(at) }),
    ),
    facts.length ? h("div", { class: "entry__facts" }, facts) : null,
  );
}

/** A labelled select of the filters; `choose(value)` runs when the user picks one. */
function filterField(id, label, choose) {
  const select = h("select", { id, class: "select" });
  select.addEventListener("change", () => choose(select.value));
  const field = h("div", { class: "field" }, h("label", { for: id, class: "field__label", text: label }), select);
  return { field, select };
}

/** Options `[value, text]` (or `{group, options}`), the current `value` chosen. */
function fillSelect(select, options, value) {
  const option = ([v, text]) => h("option", { value: v, text });
  select.replaceChildren(
    ...options.map((o) => (o.group ? h("optgroup", { label: o.group }, o.options.map(option)) : option(o))),
  );
  // A choice the record no longer names (after a clear) is still shown as chosen.
  if (value && !select.querySelector(`option[value="${CSS.escape(value)}"]`)) select.append(option([value, value]));
  select.value = value;
}

export function mount(root, { activity: intents }) {
  let filter = null;
  const choose = (key) => (value) => intents.setFilter({ ...filter, [key]: value });

  // --- Heading, filters ------------------------------------------------
  const backButton = button([icon("back"), t("window-activity-back")], () => intents.close(), {
    id: "activity-back",
    class: "btn btn--quiet btn--small activity-head__back",
  });
  const reloadButton = button([icon("refresh"), t("window-activity-reload")], () => intents.reload(), {
    id: "activity-reload",
    class: "btn btn--small",
  });
  const since = filterField("activity-since", t("window-activity-since"), choose("since"));
  const account = filterField("activity-account", t("window-activity-account"), choose("account"));
  const program = filterField("activity-program", t("window-activity-program"), choose("program"));
  const event = filterField("activity-event", t("window-activity-event-filter"), choose("event"));
  const status = h("p", { id: "activity-status", class: "visually-hidden", role: "status" });
  const head = h(
    "section",
    { class: "card activity-head", "aria-labelledby": "activity-title" },
    h("div", { class: "activity-head__bar" }, backButton, reloadButton),
    h("h1", { id: "activity-title", class: "screen__title", tabindex: "-1", text: t("window-activity-title") }),
    h("p", { class: "lead", text: t("window-activity-lead") }),
    h(
      "div",
      { class: "activity-filters", role: "group", "aria-label": t("window-activity-filters") },
      since.field,
      account.field,
      program.field,
      event.field,
    ),
    status,
  );

  // --- Programs that took a token --------------------------------------
  const programRows = h("tbody");
  const programTable = h(
    "table",
    { id: "activity-programs", class: "activity-table", "aria-labelledby": "activity-programs-title" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col", text: t("window-activity-column-program") }),
        h("th", { scope: "col", class: "activity-table__count", text: t("window-activity-column-tokens") }),
        h("th", { scope: "col", text: t("window-activity-column-first") }),
        h("th", { scope: "col", text: t("window-activity-column-last") }),
      ),
    ),
    programRows,
  );
  const programsNone = h("p", { class: "muted small", id: "activity-programs-none", text: t("window-activity-programs-none") });
  const programsCard = h(
    "section",
    { class: "card", id: "activity-programs-card", "aria-labelledby": "activity-programs-title" },
    h("div", { class: "card__header" }, h("h2", { id: "activity-programs-title", class: "card__title" }, icon("key"), t("window-activity-programs-title"))),
    programTable,
    programsNone,
  );

  // --- Refusals and failures -------------------------------------------
  const troubleList = h("ul", { id: "activity-trouble", class: "entries", "aria-labelledby": "activity-trouble-title" });
  const troubleNone = h("p", { class: "muted small", id: "activity-trouble-none", text: t("window-activity-trouble-none") });
  const troubleNewest = h("p", { class: "muted small", id: "activity-trouble-newest" });
  const troubleCount = h("span", { class: "card__aside", id: "activity-trouble-count" });
  const troubleCard = h(
    "section",
    { class: "card", id: "activity-trouble-card", "aria-labelledby": "activity-trouble-title" },
    h(
      "div",
      { class: "card__header" },
      h("h2", { id: "activity-trouble-title", class: "card__title" }, icon("warning"), t("window-activity-trouble-title")),
      troubleCount,
    ),
    troubleList,
    troubleNone,
    troubleNewest,
  );

  // --- Entries -----------------------------------------------------------
  const entryDays = h("div", { id: "activity-entries", class: "entry-days" });
  const entriesCount = h("span", { class: "card__aside", id: "activity-count" });
  const loading = h("p", { class: "muted", id: "activity-loading", text: t("window-activity-loading") });
  const showAll = button(t("window-activity-show-all"), () => intents.setFilter({}), {
    id: "activity-show-all",
    class: "btn btn--small",
  });
  const empty = h(
    "div",
    { class: "activity-empty", id: "activity-empty" },
    h("p", { class: "activity-empty__title", text: t("window-activity-empty-title") }),
    h("p", { class: "muted small", text: t("window-activity-empty") }),
  );
  const noneMatch = h(
    "div",
    { class: "activity-empty", id: "activity-none-match" },
    h("p", { class: "activity-empty__title", text: t("window-activity-none-match") }),
    h("div", { class: "actions" }, showAll),
  );
  const moreButton = button(t("window-activity-more"), () => intents.showMore(), { id: "activity-more" });
  const more = h("div", { class: "actions" }, moreButton);
  const entriesCard = h(
    "section",
    { class: "card", id: "activity-entries-card", "aria-labelledby": "activity-entries-title" },
    h(
      "div",
      { class: "card__header" },
      h("h2", { id: "activity-entries-title", class: "card__title" }, icon("list"), t("window-activity-entries-title")),
      entriesCount,
    ),
    loading,
    empty,
    noneMatch,
    entryDays,
    more,
  );

  // --- What the record sees; clearing it --------------------------------
  const kept = h("p", { class: "muted small", id: "activity-kept" });
  const damaged = h("p", { class: "activity-damaged small", id: "activity-damaged" });
  const clearButton = button(t("window-activity-clear"), () => confirmClear(), {
    id: "activity-clear",
    class: "btn btn--danger",
  });
  const aboutCard = h(
    "section",
    { class: "card", id: "activity-about", "aria-labelledby": "activity-about-title" },
    h("div", { class: "card__header" }, h("h2", { id: "activity-about-title", class: "card__title" }, icon("info"), t("window-activity-about-title"))),
    h("p", { class: "small", text: t("window-activity-about") }),
    kept,
    damaged,
    h("div", { class: "actions" }, clearButton),
  );

  async function confirmClear() {
    const confirmed = await openDialog({
      title: t("window-activity-clear-title"),
      body: [h("p", { text: t("window-activity-clear-body") })],
      confirmLabel: t("window-activity-clear-confirm"),
      confirmId: "activity-clear-confirm",
      tone: "danger",
    });
    if (!confirmed) return;
    setText(status, "");
    if (await intents.clear()) setText(status, t("window-activity-cleared"));
  }

  root.append(h("div", { id: "activity-view", class: "activity" }, head, entriesCard, programsCard, troubleCard, aboutCard));

  // Escape goes back, as the Back button does (a dialog takes its own Escape).
  const onKey = (e) => {
    if (e.key !== "Escape" || e.defaultPrevented || document.querySelector("dialog[open]")) return;
    e.preventDefault();
    intents.close();
  };
  document.addEventListener("keydown", onKey);

  // --- Rendering ---------------------------------------------------------
  const renderFilters = memo(([chosen, days, accounts, programs]) => {
    fillSelect(since.select, SINCE.map(([value, words]) => [value, words(days)]), chosen.since);
    fillSelect(
      account.select,
      [["", t("window-activity-account-all")], ...accounts.map((a) => [a.id, a.name ?? a.id])],
      chosen.account,
    );
    fillSelect(program.select, [["", t("window-activity-program-all")], ...programs.map((p) => [p, p])], chosen.program);
    fillSelect(
      event.select,
      [
        ["", t("window-activity-event-all")],
        ["tokens", t("window-activity-event-tokens")],
        ["trouble", t("window-activity-event-trouble")],
        { group: t("window-activity-event-kinds"), options: EVENTS.map((e) => [e, eventWords(e)]) },
      ],
      chosen.event,
    );
    // The account and program names are data: shown as they are in every language.
    for (const o of [...account.select.options, ...program.select.options].filter((o) => o.value)) {
      o.classList.add("activity-data");
    }
  });

  const renderView = memo(([view, chosen]) => {
    const names = new Map(view.accounts.map((a) => [a.id, a.name ?? a.id]));
    const shown = eventsShown(chosen);

    // Entries, day by day, newest first.
    const days = [];
    for (const entry of view.entries) {
      const at = parseTime(entry.time);
      const day = at === null ? null : dayOf(at);
      if (!days.length || days[days.length - 1].day !== day) days.push({ day, entries: [] });
      days[days.length - 1].entries.push(entry);
    }
    entryDays.replaceChildren(
      ...days.map(({ day, entries }, i) => {
        const heading = h("h3", { class: "entry-days__day", id: `activity-day-${i}`, text: day === null ? "—" : dayLabel(day) });
        const list = h(
          "ol",
          { class: "entries", "aria-labelledby": heading.id },
          entries.map((entry) => entryItem(entry, names, formatClockSeconds)),
        );
        return h("div", { class: "entry-days__group" }, heading, list);
      }),
    );
    loading.hidden = true;
    empty.hidden = view.total > 0;
    noneMatch.hidden = view.total === 0 || view.matched > 0;
    more.hidden = view.entries.length >= view.matched;
    let count = "";
    if (view.matched > view.entries.length) {
      count = t("window-activity-entries-newest", { shown: number(view.entries.length), count: number(view.matched) });
    } else if (view.matched > 0) {
      count = t("window-activity-entries-count", { count: countNumber(view.matched) });
    }
    setText(entriesCount, count);

    // Tokens per program: only where the filter lets tokens through.
    programsCard.hidden = !shown.some((e) => TOKENS.includes(e)) || view.total === 0;
    programRows.replaceChildren(
      ...view.programs.map((p) => {
        const first = parseTime(p.first);
        const last = parseTime(p.last);
        const who =
          p.program === null
            ? [h("span", { class: "activity-table__name", text: t("window-activity-clipboard") }), h("span", { class: "muted small", text: t("window-activity-clipboard-hint") })]
            : [data(p.program, null), p.exe ? h("span", { class: "muted small activity-data", text: p.exe }) : null];
        return h(
          "tr",
          { dataset: { program: p.program ?? "" } },
          h("th", { scope: "row", class: "activity-table__program" }, who),
          h("td", { class: "activity-table__count", text: number(p.tokens) }),
          h("td", {}, h("time", { datetime: p.first, text: first === null ? p.first : formatWhen(first) })),
          h("td", {}, h("time", { datetime: p.last, text: last === null ? p.last : formatWhen(last) })),
        );
      }),
    );
    programTable.hidden = view.programs.length === 0;
    programsNone.hidden = view.programs.length > 0;

    // Refusals and failures: only where the filter lets them through.
    troubleCard.hidden = !shown.some((e) => TROUBLE.includes(e)) || view.total === 0;
    troubleList.replaceChildren(...view.trouble.map((entry) => entryItem(entry, names, (ms) => formatWhen(ms))));
    troubleList.hidden = view.trouble.length === 0;
    troubleNone.hidden = view.trouble_count > 0;
    troubleNewest.hidden = view.trouble_count <= view.trouble.length;
    setText(troubleNewest, t("window-activity-trouble-newest", { shown: number(view.trouble.length), count: number(view.trouble_count) }));
    setText(troubleCount, view.trouble_count > 0 ? number(view.trouble_count) : "");

    setText(kept, t("window-activity-kept", { days: view.days }));
    damaged.hidden = view.damaged === 0;
    setText(damaged, view.damaged ? t("window-activity-damaged", { count: view.damaged }) : "");
  });

  function update(snapshot) {
    const state = snapshot.activity;
    filter = state.filter;
    const view = state.view;
    renderFilters([filter, view?.days ?? 90, view?.accounts ?? [], view?.program_names ?? []]);
    const asking = snapshot.inFlight.has("activity") || snapshot.inFlight.has("clear_activity");
    entriesCard.setAttribute("aria-busy", asking ? "true" : "false");
    setInert(reloadButton, asking);
    setInert(moreButton, asking);
    setInert(clearButton, asking);
    if (!view) {
      // The first answer is on its way.
      for (const part of [empty, noneMatch, more, programsCard, troubleCard]) part.hidden = true;
      loading.hidden = false;
      return;
    }
    renderView([view, filter]);
  }

  return {
    update,
    destroy() {
      document.removeEventListener("keydown", onKey);
    },
  };
}
