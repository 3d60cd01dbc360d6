// Scenario rules and faults: the active list (with how often each matched), a form to add one, raw JSON for the rest.
import { call, get } from "../api.js";
import { h, act, answerBox, failure, field, pre, refill, select, table } from "../ui.js";

const EFFECTS = [
  ["status", "Payment outcome"], ["error_code", "MP error from the catalog"], ["http_status", "HTTP fault"],
  ["delay_ms", "Latency only"], ["drop_connection", "Dropped connection"],
];

/** "transaction_amount=666" → 666; numbers stay numbers so they compare as numbers. */
const value = (text) => (text.trim() !== "" && !Number.isNaN(Number(text)) ? Number(text) : text.trim());

function ruleFrom(form) {
  const f = Object.fromEntries(new FormData(form));
  const match = {};
  if (f.method) match.method = f.method;
  if (f.path) match.path = f.path;
  if (f.seller) match.seller = f.seller;
  for (const line of f.fields.split("\n").map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf("=");
    if (at > 0) match[line.slice(0, at).trim()] = value(line.slice(at + 1));
  }
  const respond = {};
  if (f.effect === "status") Object.assign(respond, { status: f.value }, f.detail ? { status_detail: f.detail } : {});
  else if (f.effect === "error_code") respond.error_code = f.value;
  else if (f.effect === "http_status") Object.assign(respond, { http_status: value(f.value) }, f.detail ? { body: JSON.parse(f.detail) } : {});
  else if (f.effect === "delay_ms") respond.delay_ms = value(f.value);
  else respond.drop_connection = true;
  if (f.effect !== "delay_ms" && f.delay) respond.delay_ms = value(f.delay);
  const rule = { match, respond };
  if (f.id) rule.id = f.id;
  if (f.after) rule.after = value(f.after);
  if (f.times) rule.times = value(f.times);
  return rule;
}

export async function render(root) {
  const box = answerBox();
  const list = h("div", { class: "results" });
  const send = (rule) => () => call("POST", "/__admin/rules", { body: rule });

  const form = h("form", { class: "filters rule", on: { submit: (e) => {
    e.preventDefault();
    let rule;
    try { rule = ruleFrom(form); } catch (error) { return show(`The HTTP fault body is not JSON: ${error.message}`); }
    act(e.submitter, box, send(rule), load);
  } } },
    field("Method", select("method", [["", "Any"], ["POST"], ["GET"], ["PUT"], ["DELETE"]], "POST")),
    field("Path", h("input", { name: "path", value: "/v1/payments" }), "* matches one segment"),
    field("Seller", h("input", { name: "seller", placeholder: "token or user id" })),
    field("Request fields", h("textarea", { name: "fields", rows: "3", placeholder: "transaction_amount=666\npayer.email=a@b.com" }), "one field=value a line"),
    field("Respond with", select("effect", EFFECTS, "status")),
    field("Value", h("input", { name: "value", placeholder: "rejected | 3034 | 503 | 2000" }), "status, error code, HTTP status or ms"),
    field("Detail or body", h("input", { name: "detail", placeholder: "cc_rejected_high_risk | {\"message\":\"down\"}" }), "status_detail, or the fault's JSON body"),
    field("Delay (ms)", h("input", { name: "delay", type: "number", min: "0" })),
    field("After", h("input", { name: "after", type: "number", min: "0" }), "matches to let through first"),
    field("Times", h("input", { name: "times", type: "number", min: "1" }), "empty: always"),
    field("Id", h("input", { name: "id", placeholder: "optional" })),
    h("div", { class: "buttons" }, h("button", { class: "primary" }, "Add rule")));
  const raw = h("textarea", { rows: "5", "aria-label": "Rule JSON", placeholder: '{"match":{"path":"/v1/payments","transaction_amount":666},"respond":{"status":"rejected","status_detail":"cc_rejected_high_risk"}}' });
  const rawForm = h("form", { class: "stacked", on: { submit: (e) => { e.preventDefault(); act(e.submitter, box, () => call("POST", "/__admin/rules", { body: raw.value }), load); } } },
    raw, h("button", "Add from JSON"));

  const show = (text) => { box.hidden = false; box.className = "answer fail"; box.replaceChildren(text); };
  root.append(h("h1", "Rules and faults"), box, list,
    h("section", { class: "card" }, h("h2", "Add a rule"), form),
    h("details", { class: "card" }, h("summary", h("h2", "Or paste a rule (or an array of them)")), rawForm));

  const columns = [
    { label: "Id", value: (r) => h("code", r.id) },
    { label: "Match", value: (r) => pre(r.match) },
    { label: "Respond", value: (r) => pre(r.respond) },
    { label: "After", class: "num", value: (r) => String(r.after) },
    { label: "Times", class: "num", value: (r) => (r.times ?? "always") },
    { label: "Seen / applied", class: "num", value: (r) => `${r.seen} / ${r.applied}` },
    { label: "", value: (r) => h("button", { type: "button", class: "danger", on: { click: (e) =>
      act(e.currentTarget, box, () => call("DELETE", `/__admin/rules/${encodeURIComponent(r.id)}`), load) } }, `Delete ${r.id}`) },
  ];

  async function load() {
    const reply = await get("/__admin/rules");
    if (!reply.ok) return list.replaceChildren(failure(reply));
    refill(list, [table(columns, reply.body, "No rules: every request gets the normal answer."),
      reply.body.length ? h("button", { type: "button", class: "danger", on: { click: (e) =>
        act(e.currentTarget, box, () => call("DELETE", "/__admin/rules"), load) } }, "Delete every rule") : null]);
  }
  await load();
}
