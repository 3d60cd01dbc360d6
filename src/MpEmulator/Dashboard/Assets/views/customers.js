// Customers of every seller (or one), each with its saved addresses and cards.
import { get, qs } from "../api.js";
import { listSellers, sellerOptions } from "../sellers.js";
import { h, badge, date, failure, field, pager, select, table } from "../ui.js";

const card = (c, customer) => h("li", h("strong", c.payment_method?.id ?? "card"), ` ${c.first_six_digits}…${c.last_four_digits}`,
  ` exp. ${String(c.expiration_month).padStart(2, "0")}/${c.expiration_year}, ${c.cardholder?.name ?? ""}`,
  c.id === customer.default_card ? h("small", " (default)") : null, h("small", { class: "muted" }, ` id ${c.id}`));

const place = (p) => p?.name ?? "";
const address = (a, customer) => h("li", h("strong", [a.street_name, a.street_number].filter((v) => v != null).join(" ")),
  ` ${[a.zip_code, place(a.city), place(a.state)].filter(Boolean).join(", ")}`, a.name ? ` (${a.name})` : null,
  a.id === customer.default_address ? h("small", " (default)") : null, h("small", { class: "muted" }, ` id ${a.id}`));

const columns = [
  { label: "Email", value: (c) => h("strong", c.email) },
  { label: "Name", value: (c) => [c.first_name, c.last_name].filter(Boolean).join(" ") },
  { label: "Id", value: (c) => h("code", { class: "wrap" }, c.id) },
  { label: "Seller", value: (c) => String(c.user_id) },
  { label: "Status", value: (c) => badge(c.status) },
  { label: "Created", value: (c) => date(c.date_created) },
  { label: "Addresses", value: (c) => (c.addresses?.length ? h("ul", { class: "cards" }, c.addresses.map((a) => address(a, c))) : "none") },
  { label: "Cards", value: (c) => (c.cards.length ? h("ul", { class: "cards" }, c.cards.map((k) => card(k, c))) : "none") },
];

export async function render(root, { params }) {
  const seller = params.get("seller") ?? "";
  const offset = Number(params.get("offset") ?? 0);
  const go = (changes) => { location.hash = `#/customers${qs({ seller, ...changes })}`; };
  const form = h("form", { class: "filters", on: { submit: (e) => { e.preventDefault(); go(Object.fromEntries(new FormData(form))); } } },
    field("Seller", select("seller", sellerOptions(await listSellers()), seller)),
    h("div", { class: "buttons" }, h("button", { class: "primary" }, "Show")));
  const list = h("div", { class: "results" });
  root.append(h("h1", "Customers, addresses and cards"), form, list);
  const reply = await get(`/__admin/customers${qs({ seller, offset, limit: 20 })}`);
  if (!reply.ok) return list.append(failure(reply));
  list.append(table(columns, reply.body.results, "No customers."), pager(reply.body.paging, (o) => go({ offset: o })));
}
