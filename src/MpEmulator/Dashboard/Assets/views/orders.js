// Orders of every seller (or one), newest first, each with its transactions; a transaction links to the payment
// charged for it, whose page tells its story.
import { get, qs } from "../api.js";
import { onPayment, debounce } from "../live.js";
import { listSellers, sellerOptions } from "../sellers.js";
import { h, badge, date, failure, field, pager, select, table } from "../ui.js";

const transaction = (t) => h("li", badge(t.status), " ", h("small", t.status_detail), ` ${t.amount} `,
  `${t.payment_method?.id ?? ""} (${t.payment_method?.type ?? ""})`,
  t.reference_id ? [" ", h("a", { href: `#/payments/${t.reference_id}` }, `payment ${t.reference_id}`)] : null);

const columns = [
  { label: "ID", value: (o) => h("code", { class: "wrap" }, o.id) },
  { label: "Created", value: (o) => date(o.created_date) },
  { label: "Seller", value: (o) => o.user_id },
  { label: "Status", value: (o) => [badge(o.status), " ", h("small", o.status_detail)] },
  { label: "Total", class: "num", value: (o) => o.total_amount },
  { label: "Mode", value: (o) => `${o.processing_mode}, capture ${o.capture_mode}` },
  { label: "External ref.", value: (o) => o.external_reference ?? "" },
  { label: "Transactions", value: (o) => {
    const refunds = o.transactions.refunds ?? [];
    return [
      o.transactions.payments.length ? h("ul", { class: "cards" }, o.transactions.payments.map(transaction)) : "none",
      refunds.length ? h("small", `refunded ${refunds.map((r) => r.amount).join(" + ")}`) : null,
    ];
  } },
];

export async function render(root, { params }) {
  const seller = params.get("seller") ?? "";
  const offset = Number(params.get("offset") ?? 0);
  const go = (changes) => { location.hash = `#/orders${qs({ seller, ...changes })}`; };
  const form = h("form", { class: "filters", on: { submit: (e) => { e.preventDefault(); go(Object.fromEntries(new FormData(form))); } } },
    field("Seller", select("seller", sellerOptions(await listSellers()), seller)),
    h("div", { class: "buttons" }, h("button", { class: "primary" }, "Show")));
  const list = h("div", { class: "results", "aria-live": "polite" }, h("p", { class: "muted" }, "Loading…"));
  root.append(h("h1", "Orders"), form, list);

  async function load() {
    const reply = await get(`/__admin/orders${qs({ seller, offset, limit: 20 })}`);
    if (!reply.ok) return list.replaceChildren(failure(reply));
    list.replaceChildren(table(columns, reply.body.results, "No orders yet."), pager(reply.body.paging, (o) => go({ offset: o })));
  }
  await load();
  return onPayment(debounce(load)); // an order changes when its payment does
}
