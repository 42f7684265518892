// Small DOM helpers shared by views and components. No state lives here.

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Creates an element. `props`: `class`, `text`, `dataset`, `on<event>`
 * handlers, booleans (true sets an empty attribute, false/null skips it) and
 * any other attribute as a string. Children may be nodes, strings, arrays or
 * null (skipped).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

/**
 * A button whose click runs `action` unless the button is inert. Inert
 * buttons use aria-disabled rather than `disabled` so keyboard focus stays
 * on them while the shell works.
 */
export function button(label, action, props = {}) {
  const el = h("button", { type: "button", class: "btn", ...props }, label);
  el.addEventListener("click", (event) => {
    if (el.getAttribute("aria-disabled") === "true") {
      event.preventDefault();
      return;
    }
    action(event);
  });
  return el;
}

/** Marks a button made by button() inert (or not). */
export function setInert(el, inert) {
  if (inert) el.setAttribute("aria-disabled", "true");
  else el.removeAttribute("aria-disabled");
}

/** Sets text only when it differs, so live regions and selections are not disturbed. */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Decorative 24×24 stroke icons (Lucide-style geometry, drawn here). */
const ICONS = {
  copy: ["M9 9h11v11H9z", "M5 15H4V4h11v1"],
  refresh: ["M20 11a8 8 0 0 0-14.6-4.5L4 8", "M4 3v5h5", "M4 13a8 8 0 0 0 14.6 4.5L20 16", "M20 21v-5h-5"],
  external: ["M14 4h6v6", "M20 4l-9 9", "M18 14v6H4V6h6"],
  warning: ["M12 3 2 20h20z", "M12 10v4", "M12 17v.01"],
  info: ["M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18", "M12 11v6", "M12 7.5v.01"],
  check: ["M4 12.5 9.5 18 20 6"],
  close: ["M6 6l12 12", "M18 6 6 18"],
  browser: ["M3 5h18v14H3z", "M3 9h18", "M6 7h.01", "M9 7h.01"],
  key: ["M8 11a4 4 0 1 0 0 8 4 4 0 0 0 0-8", "M10.8 12.2 20 3", "M16 7l3 3", "M18.5 4.5l2 2"],
  unlink: ["M9 17H7a5 5 0 0 1 0-10h2", "M15 7h2a5 5 0 0 1 4 8", "M3 3l18 18"],
  shield: ["M12 3 4 6v6c0 5 3.5 8 8 9 4.5-1 8-4 8-9V6z", "M9 12l2 2 4-4"],
  plus: ["M12 5v14", "M5 12h14"],
  back: ["M19 12H5", "M11 6l-6 6 6 6"],
  list: ["M9 6h11", "M9 12h11", "M9 18h11", "M4.5 6h.01", "M4.5 12h.01", "M4.5 18h.01"],
};

export function icon(name, extraClass = "") {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", `icon ${extraClass}`.trim());
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  for (const d of ICONS[name] ?? []) {
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", d);
    svg.append(path);
  }
  return svg;
}

/** "3f2a…9c1d": enough to recognise a Client ID without spelling it out. */
export function shortId(id) {
  return id.length > 12 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id;
}

/** Looks up a scope's catalogue entry; unknown scopes still render by name. */
export function scopeInfo(catalogue, name) {
  return catalogue.find((entry) => entry.name === name) ?? { name, description: "" };
}

/** Re-runs `build` only when `value` changes (compared as JSON). */
export function memo(build) {
  let last;
  return (value) => {
    const key = JSON.stringify(value);
    if (key === last) return;
    last = key;
    build(value);
  };
}
