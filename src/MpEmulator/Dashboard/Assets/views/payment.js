// One payment: what it is, what can be done to it, everything that happened to it (events, refunds, webhooks,
// requests) and its raw JSON. Capture, cancel and refund go through the real /v1 API as the payment's seller.
import { call, get } from "../api.js";
import { onPayment } from "../live.js";
import { tokenFor, rememberToken } from "../sellers.js";
import { h, act, answerBox, badge, date, failure, field, money, pairs, pre, refill, table } from "../ui.js";
import { deliveries, watch } from "./webhooks.js";
import { entries } from "./requests.js";

const OUTSIDE = {
  approve: "Approve (the buyer paid)", reject: "Reject", expire: "Expire", mediate: "Open a dispute",
  charge_back: "Charge back", settle_mediation: "Settle the dispute",
};

export async function render(root, { id }) {
  const box = answerBox();
  const content = h("div", h("p", { class: "muted" }, "Loading…"));
  const hooks = h("div", { class: "results" });
  const hookBox = answerBox();
  const journal = h("div", { class: "results" });
  root.append(content);

  let shown = null;
  async function load() {
    const reply = await get(`/__admin/payments/${id}`);
    // An action reloads, then its own event does: the second sees nothing new and must not wipe what is being typed.
    if (reply.text === shown) return;
    shown = reply.text;
    if (!reply.ok) return refill(content, [h("h1", `Payment ${id}`), box, failure(reply)]);
    const { payment: p, events, actions } = reply.body;
    const token = await tokenFor(p.collector_id);
    refill(content, [
      h("h1", `Payment ${p.id} `, badge(p.status)),
      summary(p),
      h("section", { class: "card" }, h("h2", "Act on it"), apiActions(p, token), outsideActions(p, actions), box),
      h("section", { class: "card" }, h("h2", "Timeline"), timeline(events, p)),
      h("section", { class: "card" }, h("h2", "Refunds"), table(refundColumns(p), p.refunds, "No refunds.")),
      h("section", { class: "card" }, h("h2", "Webhooks it caused"), hooks, hookBox),
      h("section", { class: "card" }, h("h2", "API requests about it"), journal),
      h("details", { class: "card", "data-key": "raw" }, h("summary", h("h2", "Raw JSON (as GET /v1/payments/{id} answers)")), pre(p)),
    ]);
    const requests = await get(`/__admin/requests?path=/v1/payments/${p.id}&limit=20`);
    refill(journal, requests.ok ? entries(requests.body, "No requests about it in the journal.") : failure(requests));
  }

  function apiActions(p, token) {
    const as = h("p", { class: "muted" }, `Through the API (/v1), as seller ${p.collector_id}`);
    if (!token) {
      const input = h("input", { name: "token", required: true, autocomplete: "off", placeholder: "TEST-…" });
      return h("form", { class: "group", on: { submit: (e) => { e.preventDefault(); rememberToken(p.collector_id, input.value); shown = null; load(); } } }, as,
        h("p", `The emulator has not seen seller ${p.collector_id}'s access token since it started. Paste it to act as that seller:`),
        field("Access token", input), h("button", "Use this token"));
    }
    const put = (body) => () => call("PUT", `/v1/payments/${p.id}`, { token, body });
    const amount = (label, placeholder) => field(label, h("input", { type: "number", step: "0.01", min: "0", inputmode: "decimal", placeholder }));
    const buttons = [];
    if (p.status === "authorized") {
      const capture = amount("Amount to capture", `all: ${p.transaction_amount}`);
      buttons.push(h("div", { class: "inline" }, capture, button("Capture", () => {
        const value = capture.querySelector("input").value;
        return put(value ? { capture: true, transaction_amount: Number(value) } : { capture: true })();
      })));
    }
    if (["authorized", "pending", "in_process"].includes(p.status)) buttons.push(button("Cancel", put({ status: "cancelled" })));
    if (p.status === "approved") {
      const refund = amount("Amount to refund", `all: ${Math.round((p.transaction_amount - p.transaction_amount_refunded) * 100) / 100}`);
      buttons.push(h("div", { class: "inline" }, refund, button("Refund", () => {
        const value = refund.querySelector("input").value;
        return call("POST", `/v1/payments/${p.id}/refunds`, { token, body: value ? { amount: Number(value) } : {} });
      })));
    }
    return h("div", { class: "group" }, as, buttons.length ? buttons : h("p", "Nothing to capture, cancel or refund in this status."));
  }

  function outsideActions(p, actions) {
    return h("div", { class: "group" }, h("p", { class: "muted" }, "What the outside world does (admin actions)"),
      actions.length
        ? h("div", { class: "buttons" }, actions.map((a) =>
          button(OUTSIDE[a] ?? a, () => call("POST", `/__admin/payments/${p.id}/actions`, { body: { action: a } }))))
        : h("p", `Nothing happens to a payment in status ${p.status} from outside.`));
  }

  const button = (label, action) => h("button", { type: "button", on: { click: (e) => act(e.currentTarget, box, action, load) } }, label);

  const watcher = watch(() => deliveries(hooks, { payment_id: id }, hookBox, () => watcher.reload()));
  await load();
  const off = onPayment((e) => { if (e.reset || String(e.payment_id) === String(id)) { load(); watcher.reload(); } });
  return () => { off(); watcher.stop(); };
}

function summary(p) {
  const pix = p.point_of_interaction?.transaction_data;
  return h("section", { class: "card summary" }, pairs([
    ["Status", [badge(p.status), " ", p.status_detail]],
    ["Amount", money(p.transaction_amount, p.currency_id)],
    ["Refunded", p.transaction_amount_refunded ? money(p.transaction_amount_refunded, p.currency_id) : null],
    ["Net received", money(p.transaction_details?.net_received_amount, p.currency_id)],
    ["Method", `${p.payment_method_id} (${p.payment_type_id}), ${p.installments} installment(s)`],
    ["Card", p.card?.last_four_digits && `${p.card.first_six_digits}…${p.card.last_four_digits}, ${p.card.cardholder?.name ?? ""}`],
    ["Seller", h("a", { href: `#/payments?seller=${p.collector_id}` }, p.collector_id)],
    ["Payer", p.payer?.email],
    ["External reference", p.external_reference],
    ["Description", p.description],
    ["Captured", p.captured ? "yes" : "no"],
    ["Created", date(p.date_created)],
    ["Approved", p.date_approved && date(p.date_approved)],
    ["Last updated", date(p.date_last_updated)],
    ["Expires", p.date_of_expiration && date(p.date_of_expiration)],
    ["Money release", p.money_release_date && [date(p.money_release_date), ` (${p.money_release_status ?? "pending"})`]],
    ["Pix code", pix?.qr_code && h("code", { class: "wrap" }, pix.qr_code)],
  ]), pix?.qr_code_base64 ? h("img", { class: "qr", alt: "Pix QR code", src: `data:image/png;base64,${pix.qr_code_base64}` }) : null);
}

/** Every stored event and refund, in emulator time. */
function timeline(events, p) {
  const items = [
    ...events.map((e) => ({ at: e.date, node: [h("strong", e.action), " → ", badge(e.status), " ", h("small", e.status_detail)] })),
    ...p.refunds.map((r) => ({ at: r.date_created, node: [h("strong", "refund"), ` #${r.id} of ${money(r.amount, p.currency_id)} `, badge(r.status)] })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  if (!items.length) return h("p", { class: "muted" }, "No events recorded.");
  return h("ol", { class: "timeline" }, items.map((i) => h("li", date(i.at), " ", i.node)));
}

const refundColumns = (p) => [
  { label: "ID", value: (r) => String(r.id) },
  { label: "Created", value: (r) => date(r.date_created) },
  { label: "Amount", class: "num", value: (r) => money(r.amount, p.currency_id) },
  { label: "Status", value: (r) => badge(r.status) },
];
