// Webhook deliveries (issue 5's /__admin/webhooks): each attempt with the receiver's answer, and a replay button.
// A build without delivery has no such route: the view says so instead of failing.
import { about, call, get, qs } from "../api.js";
import { onPayment, debounce } from "../live.js";
import { h, act, answerBox, badge, date, failure, field, pairs, pre, refill, select, table } from "../ui.js";

const attempts = [
  { label: "At", value: (a) => date(a.at) },
  { label: "HTTP status", value: (a) => (a.status_code ? String(a.status_code) : "—") },
  { label: "Latency", class: "num", value: (a) => `${a.latency_ms ?? "—"} ms` },
  { label: "Request id", value: (a) => h("code", a.request_id ?? "") },
  { label: "Error", value: (a) => a.error ?? "" },
  { label: "Receiver answered", value: (a) => (a.response_body ? pre(a.response_body) : "") },
];

function delivery(d, box, reload) {
  const event = d.action ?? d.event ?? d.topic;
  return h("details", { class: "delivery", "data-key": `delivery-${d.id}` },
    h("summary", badge(d.status), " ", h("strong", event), ` #${d.id}`, d.replay_of ? ` (replay of #${d.replay_of})` : "", " → ",
      h("code", d.url), ` · ${d.attempts?.length ?? 0} attempt(s) · `,
      date(d.date_created)),
    pairs([["Payment", d.payment_id && h("a", { href: `#/payments/${d.payment_id}` }, d.payment_id)], ["Source", d.source],
      ["Replay of", d.replay_of && `#${d.replay_of}`], ["Form", d.form], ["Next attempt", d.next_attempt_at && date(d.next_attempt_at)],
      ["Signed with secret", d.secret]]),
    table(attempts, d.attempts ?? [], "No attempt yet."),
    h("details", h("summary", "Body sent"), pre(d.body)),
    h("button", { type: "button", class: "primary", on: { click: (e) =>
      act(e.currentTarget, box, () => call("POST", `/__admin/webhooks/${d.id}/replay`), reload) } }, `Replay #${d.id}`));
}

const unavailable = () => h("p", { class: "muted unavailable" }, "Webhooks not available: this emulator build does not deliver them.");

/** Fills container with the deliveries matching filter; answers how many are still pending (worth polling). */
export async function deliveries(container, filter, box, reload) {
  const info = await about();
  if (info.ok && !info.body.webhooks) return refill(container, unavailable()) ?? 0;
  const reply = await get(`/__admin/webhooks${qs({ ...filter, limit: 50 })}`);
  if (reply.status === 404) return refill(container, unavailable()) ?? 0;
  if (!reply.ok) return refill(container, failure(reply)) ?? 0;
  const list = reply.body.results ?? reply.body;
  refill(container, list.length ? list.map((d) => delivery(d, box, reload)) : h("p", { class: "muted" }, "No deliveries."));
  return list.filter((d) => d.status === "pending").length;
}

/** Reloads now and again every 1.5 s while a delivery is pending; answers the stop function. */
export function watch(load) {
  let timer;
  let stopped = false;
  const run = async () => {
    clearTimeout(timer);
    const pending = await load();
    if (!stopped && pending) timer = setTimeout(run, 1500);
  };
  run();
  return { reload: run, stop: () => { stopped = true; clearTimeout(timer); } };
}

export async function render(root, { params }) {
  const filter = { status: params.get("status") ?? "", payment_id: params.get("payment_id") ?? "", seller: params.get("seller") ?? "" };
  const box = answerBox();
  const list = h("div", { class: "results" }, h("p", { class: "muted" }, "Loading…"));
  const form = h("form", { class: "filters", on: { submit: (e) => {
    e.preventDefault();
    location.hash = `#/webhooks${qs(Object.fromEntries(new FormData(form)))}`;
  } } },
    field("Status", select("status", [["", "Any status"], ["pending"], ["delivered"], ["failed"]], filter.status)),
    field("Payment id", h("input", { name: "payment_id", inputmode: "numeric", value: filter.payment_id })),
    field("Seller (user id)", h("input", { name: "seller", inputmode: "numeric", value: filter.seller })),
    h("div", { class: "buttons" }, h("button", { class: "primary" }, "Filter")));
  root.append(h("h1", "Webhook deliveries"), form, box, list);
  const watcher = watch(() => deliveries(list, filter, box, () => watcher.reload()));
  const off = onPayment(debounce(() => watcher.reload(), 500));
  return () => { off(); watcher.stop(); };
}
