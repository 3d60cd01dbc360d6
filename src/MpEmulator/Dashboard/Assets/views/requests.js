// The request journal: every /v1 request with method, path, status, seller and latency; open one for both bodies
// (card numbers and security codes arrive already masked by the emulator).
import { call, get, qs } from "../api.js";
import { onPayment, debounce } from "../live.js";
import { h, act, answerBox, body, date, failure, field, pairs, refill, select } from "../ui.js";

/** One <details> per journal entry. */
export function entries(list, empty = "No requests recorded.") {
  if (!list.length) return h("p", { class: "muted" }, empty);
  return list.map((e) => h("details", { class: "entry", "data-key": `request-${e.id}` },
    h("summary", h("code", e.method), " ", h("span", { class: "path" }, e.path + (e.query ?? "")), " ",
      h("span", { class: `badge http-${String(e.status)[0]}` }, e.status), " ",
      h("small", `seller ${e.seller_id ?? "—"} · ${e.latency_ms.toFixed(1)} ms · `), date(e.date)),
    pairs([["Idempotency key", e.idempotency_key], ["Note", e.note]]),
    h("div", { class: "bodies" },
      h("div", h("h3", "Request body"), body(e.request_body)),
      h("div", h("h3", "Response body"), body(e.response_body)))));
}

export async function render(root, { params }) {
  const filter = Object.fromEntries(["path", "method", "status", "seller"].map((f) => [f, params.get(f) ?? ""]));
  const box = answerBox();
  const list = h("div", { class: "results" }, h("p", { class: "muted" }, "Loading…"));
  const form = h("form", { class: "filters", on: { submit: (e) => {
    e.preventDefault();
    location.hash = `#/requests${qs(Object.fromEntries(new FormData(form)))}`;
  } } },
    field("Path starts with", h("input", { name: "path", value: filter.path, placeholder: "/v1/payments" })),
    field("Method", select("method", [["", "Any"], ["GET"], ["POST"], ["PUT"], ["DELETE"]], filter.method)),
    field("HTTP status", h("input", { name: "status", inputmode: "numeric", value: filter.status, placeholder: "400" })),
    field("Seller (user id)", h("input", { name: "seller", inputmode: "numeric", value: filter.seller })),
    h("div", { class: "buttons" }, h("button", { class: "primary" }, "Filter"),
      h("button", { type: "button", on: { click: load } }, "Refresh"),
      h("button", { type: "button", on: { click: (e) => act(e.currentTarget, box, () => call("DELETE", "/__admin/requests"), load) } }, "Clear the journal")));
  root.append(h("h1", "Request journal"), h("p", { class: "muted" }, "Newest first; the last 100 matching."), form, box, list);

  async function load() {
    const reply = await get(`/__admin/requests${qs({ ...filter, limit: 100 })}`);
    refill(list, reply.ok ? entries(reply.body) : failure(reply));
  }
  await load();
  return onPayment(debounce(load, 500));
}
