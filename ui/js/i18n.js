// The window's words: Project Fluent catalogues the shell sends (the `catalog`
// command: locales/<language>/window.ftl and common.ftl, in the language the app
// speaks, with English behind it), formatted with Fluent's own runtime
// (ui/vendor/fluent-bundle), and dates and times from the platform's Intl in the
// user's locale. Loaded once before the first render; main.js loads it again when
// the app's language changes. No pseudo-language logic lives here: for `en-XA`
// the shell sends the catalogue already rewritten.
//
// Ids are written out at every call, t("window-…"), so a test can check that each
// one exists (crates/spotlink-core/src/i18n/tests.rs).

import { FluentBundle } from "../vendor/fluent-bundle/bundle.js";
import { FluentResource } from "../vendor/fluent-bundle/resource.js";
import { FluentNumber } from "../vendor/fluent-bundle/types.js";

/**
 * The few sentences the window may need before any catalogue arrived, or when none
 * can (the bridge to the app is missing, the app does not answer). English, exactly
 * as in locales/en/window.ftl (a test compares them); `{ $name }` is an argument.
 */
const BEFORE_CATALOGUE = {
  "window-unavailable-title": "This window is not connected to SpotLink",
  "window-unavailable-message":
    "The page loaded without its link to the app (window.__TAURI__ is missing), so it cannot show or change anything.",
  "window-problem-hint":
    "If this keeps happening, quit SpotLink and start it again. Your link, if any, is safe in the keychain.",
  "window-problem-try-again": "Try again",
  "window-problem-reload": "Reload window",
  "window-broken-title": "This window ran into a problem",
  "window-broken-message": "SpotLink could not draw this screen ({ $problem }).",
  "window-boot-failed-title": "SpotLink could not load its state",
  "window-boot-failed-message": "{ $title }: { $message }",
  "window-timeout-title": "SpotLink is not answering",
  "window-timeout-message": "No answer to { $what } after { $seconds } seconds.",
  "window-boot-step-subscription": "the view subscription",
  "window-boot-step-catalogue": "the catalogue",
  "window-something-went-wrong": "Something went wrong",
  "window-could-not": "SpotLink could not do that.",
};

/** `{language, locale, bundles}` once a catalogue arrived, else null. */
let loaded = null;

function bundle(locales, sources) {
  const made = new FluentBundle(locales, { useIsolating: false });
  for (const source of sources) {
    const errors = made.addResource(new FluentResource(source));
    if (errors.length) console.error("a catalogue has errors", errors);
  }
  return made;
}

/**
 * Loads the catalogue `fetchCatalog()` resolves to (the `catalog` command's
 * `{language, locale, sources, fallback}`) and makes it the one t() uses.
 */
export async function load(fetchCatalog) {
  const catalog = await fetchCatalog();
  const language = typeof catalog?.language === "string" ? catalog.language : "en";
  const locale = typeof catalog?.locale === "string" && catalog.locale ? catalog.locale : language;
  const bundles = [bundle([locale, language], catalog?.sources ?? [])];
  if (catalog?.fallback?.length) bundles.push(bundle(["en"], catalog.fallback));
  loaded = { language, locale, bundles };
  document.documentElement.lang = language;
}

/** True once a catalogue is loaded. */
export function ready() {
  return loaded !== null;
}

/** The catalogue's language (`en`, `ru`, `en-XA`), or null before one is loaded. */
export function language() {
  return loaded?.language ?? null;
}

/** The user's locale for Intl (`ru-RU`); the platform's own before a catalogue is loaded. */
export function locale() {
  return loaded?.locale;
}

function fill(text, args) {
  return text.replace(/\{ \$([a-z_]+) \}/g, (whole, name) => (args && name in args ? String(args[name]) : whole));
}

/**
 * The message `id` with `args` (strings as they are, numbers for plural choice:
 * pass ids, years and anything not to be grouped as strings), in the catalogue's
 * language, else in English. Never the id, unless English lacks it too (a test
 * rules that out).
 */
export function t(id, args) {
  for (const b of loaded?.bundles ?? []) {
    const message = b.getMessage(id);
    if (!message?.value) continue;
    const errors = [];
    const text = b.formatPattern(message.value, args, errors);
    if (errors.length) console.warn(`${id} was formatted with errors`, errors);
    return text;
  }
  if (id in BEFORE_CATALOGUE) return fill(BEFORE_CATALOGUE[id], args);
  console.error(`no catalogue has ${id}`);
  return id;
}

/** A count for plural choice that is written without grouping ("3600", not "3,600"). */
export function countNumber(n) {
  return new FluentNumber(n, { useGrouping: false });
}

const MARK = "\u{F0000}";

/**
 * Like t(), but arguments may be DOM nodes (a button, an emphasised word): returns
 * the text around them and the nodes, in the order the language puts them, for
 * `h()` or `append()`.
 */
export function tParts(id, args) {
  const nodes = [];
  const textArgs = {};
  for (const [name, value] of Object.entries(args)) {
    if (value instanceof Node) {
      textArgs[name] = `${MARK}${nodes.length}${MARK}`;
      nodes.push(value);
    } else textArgs[name] = value;
  }
  return t(id, textArgs)
    .split(MARK)
    .map((part, i) => (i % 2 === 1 ? nodes[Number(part)] : part))
    .filter((part) => part !== "");
}
