// Sellers: registered ones (configuration and fixtures), those seen calling the API, and owners of stored data.
import { call } from "../api.js";
import { sellersPage, rememberToken } from "../sellers.js";
import { h, act, answerBox, table } from "../ui.js";

export async function render(root) {
  const box = answerBox();
  const list = h("div", { class: "results" });
  root.append(h("h1", "Sellers"), h("p", { class: "muted" },
    "Any access token is a seller; its user id is the token's last part. Tokens of unregistered sellers are known once they call the API."),
  box, list);

  const columns = [
    { label: "User id", value: (s) => h("strong", s.user_id) },
    { label: "Site", value: (s) => s.site_id },
    { label: "Kind", value: (s) => (s.registered ? "registered" : s.access_token ? "seen" : "data only") },
    { label: "Access token", value: (s) => (s.access_token ? h("code", { class: "wrap" }, s.access_token) : tokenForm(s)) },
    { label: "Public key", value: (s) => (s.public_key ? h("code", { class: "wrap" }, s.public_key) : "—") },
    { label: "Webhook secret", value: (s) => (s.webhook_secret ? h("code", { class: "wrap" }, s.webhook_secret) : "—") },
    { label: "Notification URL", value: (s) => (s.notification_url ? h("code", { class: "wrap" }, s.notification_url) : "—") },
    { label: "Data", value: (s) => [h("a", { href: `#/payments?seller=${s.user_id}` }, `${s.payments} payments`), ", ",
      h("a", { href: `#/customers?seller=${s.user_id}` }, `${s.customers} customers`)] },
    { label: "Reset", value: (s) => h("button", { type: "button", class: "danger", on: { click: (e) => {
      if (confirm(`Delete every payment, customer, card and token of seller ${s.user_id}?`)) {
        act(e.currentTarget, box, () => call("POST", "/__admin/reset", { body: { seller: String(s.user_id) } }), load);
      }
    } } }, `Reset seller ${s.user_id}`) },
  ];

  function tokenForm(s) {
    const input = h("input", { "aria-label": `Access token of seller ${s.user_id}`, autocomplete: "off", placeholder: "paste to act as it" });
    return h("form", { class: "inline", on: { submit: (e) => { e.preventDefault(); rememberToken(s.user_id, input.value); load(); } } },
      input, h("button", "Keep"));
  }

  async function load() {
    const { paging, results } = await sellersPage();
    const local = (s) => localStorage.getItem(`mpemu.token.${s.user_id}`);
    list.replaceChildren(table(columns, results.map((s) => ({ ...s, access_token: s.access_token ?? local(s) })), "No sellers yet."),
      ...(paging.total > results.length ? [h("p", { class: "muted" }, `The first ${results.length} of ${paging.total} sellers.`)] : []));
  }
  await load();
}
