// DOM helpers. Everything is built with createElement and text nodes: API data is never parsed as HTML.

/** h("p", {class, on: {click}, ...attributes}, ...children); the props object may be left out. */
export function h(tag, props, ...children) {
  if (props === undefined || props === null || typeof props !== "object" || props instanceof Node || Array.isArray(props)) {
    children.unshift(props);
    props = {};
  }
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "on") for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    else if (key === "class") el.className = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== undefined && child !== null && child !== false) el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** The emulator's own time as it wrote it (its offset), without milliseconds. */
export const date = (iso) => (iso ? h("time", { datetime: iso, title: iso }, iso.slice(0, 19).replace("T", " ")) : "—");

export function money(amount, currency) {
  if (amount === undefined || amount === null) return "—";
  try { return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(amount); }
  catch { return `${amount} ${currency ?? ""}`; }
}

export const badge = (status) => h("span", { class: `badge s-${status}` }, status);

export function pre(value) {
  return h("pre", { class: "json" }, typeof value === "string" ? value : JSON.stringify(value, null, 2));
}

/** A body from the journal: pretty when it is JSON. */
export function body(text) {
  if (!text) return h("p", { class: "muted" }, "(empty)");
  try { return pre(JSON.parse(text)); } catch { return pre(text); }
}

/** A table that stacks into labelled rows on a phone. columns: [{label, value: row => node}] */
export function table(columns, rows, empty = "Nothing here yet.") {
  if (!rows.length) return h("p", { class: "muted" }, empty);
  return h("div", { class: "table" }, h("table", { class: "stack" },
    h("thead", h("tr", columns.map((c) => h("th", { scope: "col" }, c.label)))),
    h("tbody", rows.map((row) => h("tr", columns.map((c) => h("td", { "data-label": c.label, class: c.class }, h("div", c.value(row)))))))));
}

export const pairs = (list) => h("dl", { class: "pairs" }, list.filter(([, v]) => v !== undefined && v !== null && v !== "")
  .map(([label, value]) => h("div", h("dt", label), h("dd", value))));

export function field(label, control, hint) {
  return h("label", { class: "field" }, h("span", label), control, hint ? h("small", { class: "muted" }, hint) : null);
}

export function select(name, options, selected) {
  return h("select", { name }, options.map(([value, label]) =>
    h("option", { value, selected: String(value) === String(selected ?? "") }, label ?? value)));
}

/** "Showing 21–40 of 95" with previous and next buttons. */
export function pager(paging, go) {
  const { total, limit, offset } = paging;
  const last = Math.min(offset + limit, total);
  return h("div", { class: "pager" },
    h("button", { type: "button", disabled: offset === 0, on: { click: () => go(Math.max(0, offset - limit)) } }, "← Previous"),
    h("span", total ? `Showing ${offset + 1}–${last} of ${total}` : "None"),
    h("button", { type: "button", disabled: last >= total, on: { click: () => go(offset + limit) } }, "Next →"));
}

/** Where a view shows what the API answered to an action, MP's error envelope included. */
export const answerBox = () => h("section", { class: "answer", role: "status", "aria-live": "polite", tabindex: "-1", hidden: true });

export function show(box, reply) {
  const b = reply.body;
  const envelope = b && typeof b === "object" && "message" in b && "status" in b && Array.isArray(b.cause) ? b : null;
  box.hidden = false;
  box.className = `answer ${reply.ok ? "ok" : "fail"}`;
  refill(box, [
    h("div", { class: "answer-head" },
      h("strong", reply.ok ? "Done" : "Refused"), " ", h("code", `${reply.method} ${reply.path}`), " → ",
      h("span", { class: "code" }, reply.status ? `${reply.status} ${reply.statusText ?? ""}` : "no answer"),
      h("button", { type: "button", class: "dismiss", "aria-label": "Dismiss the answer", on: { click: () => { box.hidden = true; } } }, "×")),
    envelope && h("p", { class: "message" }, envelope.message, " ", h("span", { class: "muted" }, `(${envelope.error})`)),
    envelope?.cause?.length ? h("ul", { class: "causes" }, envelope.cause.map((c) =>
      h("li", h("code", String(c.code)), " ", c.description ?? ""))) : null,
    reply.text
      ? h("details", { open: !reply.ok || reply.text.length < 200 }, h("summary", "Response body"), pre(b ?? reply.text))
      : h("p", { class: "muted" }, "(empty body)")]);
}

/** A failed read, in place of the view's content. */
export function failure(reply) {
  return h("div", { class: "answer fail" }, h("strong", `${reply.method} ${reply.path} → ${reply.status || "no answer"}`), " ",
    reply.body?.message ?? reply.text);
}

/** Runs an action with its button disabled, shows the answer, runs then(reply) (a reload); if the reload took the
 * focused button away, focus moves to the answer so a keyboard user is not thrown back to the top. */
export async function act(button, box, action, then) {
  button.disabled = true;
  let reply;
  try {
    reply = await action();
    show(box, reply);
    await then?.(reply);
  } finally {
    button.disabled = false;
  }
  if (!button.isConnected || document.activeElement === document.body) box.focus();
  return reply;
}

/** Replaces a container's children, keeping each <details data-key> open or closed as the reader left it. */
export function refill(container, children) {
  const state = new Map([...container.querySelectorAll("details[data-key]")].map((d) => [d.dataset.key, d.open]));
  container.replaceChildren(...[children].flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  for (const d of container.querySelectorAll("details[data-key]")) if (state.has(d.dataset.key)) d.open = state.get(d.dataset.key);
}
