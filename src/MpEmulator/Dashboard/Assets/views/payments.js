// Payments of every seller, newest first: filters in the URL, paging, refreshed live as payment events arrive.
import { get, qs } from "../api.js";
import { onPayment, debounce } from "../live.js";
import { listSellers, sellerOptions } from "../sellers.js";
import { h, badge, date, money, table, field, select, pager, failure } from "../ui.js";

const STATUSES = ["", "approved", "authorized", "pending", "in_process", "in_mediation", "rejected", "cancelled", "refunded", "charged_back"];
const METHODS = ["credit_card", "debit_card", "bank_transfer", "ticket", "account_money", "pix", "master", "visa", "amex", "elo", "bolbradesco"];
const FILTERS = ["seller", "status", "method", "external_reference", "from", "to"];

export const columns = [
  { label: "ID", value: (p) => h("a", { href: `#/payments/${p.id}` }, p.id) },
  { label: "Created", value: (p) => date(p.date_created) },
  { label: "Seller", value: (p) => String(p.collector_id) },
  { label: "Status", value: (p) => [badge(p.status), " ", h("small", p.status_detail)] },
  { label: "Method", value: (p) => `${p.payment_method_id} (${p.payment_type_id})` },
  { label: "Amount", class: "num", value: (p) => money(p.transaction_amount, p.currency_id) },
  { label: "Refunded", class: "num", value: (p) => (p.transaction_amount_refunded ? money(p.transaction_amount_refunded, p.currency_id) : "") },
  { label: "External ref.", value: (p) => p.external_reference ?? "" },
  { label: "Description", value: (p) => p.description ?? "" },
];

export async function render(root, { params }) {
  const filter = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ""]));
  const offset = Number(params.get("offset") ?? 0);
  const go = (changes) => { location.hash = `#/payments${qs({ ...filter, ...changes })}`; };
  const form = h("form", { class: "filters", on: { submit: (e) => { e.preventDefault(); go(Object.fromEntries(new FormData(form))); } } },
    field("Seller", select("seller", sellerOptions(await listSellers()), filter.seller)),
    field("Status", select("status", STATUSES.map((s) => [s, s || "Any status"]), filter.status)),
    field("Method or type", h("input", { name: "method", list: "methods", value: filter.method, placeholder: "pix, credit_card…" })),
    h("datalist", { id: "methods" }, METHODS.map((m) => h("option", { value: m }))),
    field("External reference", h("input", { name: "external_reference", value: filter.external_reference })),
    field("Created from", h("input", { type: "date", name: "from", value: filter.from })),
    field("to", h("input", { type: "date", name: "to", value: filter.to })),
    h("div", { class: "buttons" }, h("button", { class: "primary" }, "Filter"),
      h("button", { type: "button", on: { click: () => { location.hash = "#/payments"; } } }, "Clear")));
  const list = h("div", { class: "results", "aria-live": "polite" }, h("p", { class: "muted" }, "Loading…"));
  root.append(h("h1", "Payments"), form, list);

  async function load() {
    const reply = await get(`/__admin/payments${qs({ ...filter, offset, limit: 20 })}`);
    if (!reply.ok) return list.replaceChildren(failure(reply));
    list.replaceChildren(table(columns, reply.body.results, "No payments match."), pager(reply.body.paging, (o) => go({ offset: o })));
  }
  await load();
  return onPayment(debounce(load));
}
