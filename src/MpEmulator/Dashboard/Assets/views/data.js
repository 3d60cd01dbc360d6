// Fixtures and resets: what is stored, load a fixture file, export the state as one, generate demo data, forget everything.
import { call, get } from "../api.js";
import { listSellers } from "../sellers.js";
import { h, act, answerBox, failure, field, pairs, select, table } from "../ui.js";

export async function render(root) {
  const box = answerBox();
  const state = h("div");
  const file = h("input", { type: "file", name: "fixture", accept: ".json,application/json", required: true });
  const upload = h("form", { class: "inline", on: { submit: async (e) => {
    e.preventDefault();
    const text = await file.files[0].text();
    act(e.submitter, box, () => call("POST", "/__admin/fixtures", { body: text }), load);
  } } }, field("Fixture file (JSON)", file), h("button", { class: "primary" }, "Load fixture"));

  const sellers = await listSellers();
  const generate = h("form", { class: "inline", on: { submit: (e) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(generate));
    const body = { customers: Number(f.customers), payments: Number(f.payments), ...(f.seller ? { seller: f.seller } : {}) };
    act(e.submitter, box, () => call("POST", "/__admin/generate", { body }), load);
  } } },
    field("Seller", select("seller", [["", "the demo seller"], ...sellers.filter((s) => s.access_token).map((s) => [s.access_token, s.user_id])])),
    field("Customers", h("input", { name: "customers", type: "number", min: "0", value: "10" })),
    field("Payments", h("input", { name: "payments", type: "number", min: "0", value: "100" })),
    h("button", "Generate"));

  // The export is a fixture file: saved by the browser, loaded back here or with --fixtures / mpemulator import.
  const exporter = h("form", { class: "inline", on: { submit: (e) => {
    e.preventDefault();
    const seller = new FormData(exporter).get("seller");
    act(e.submitter, box, async () => {
      const reply = await call("GET", `/__admin/export${seller ? `?seller=${encodeURIComponent(seller)}` : ""}`);
      if (reply.ok) {
        const link = h("a", { href: URL.createObjectURL(new Blob([JSON.stringify(reply.body, null, 2)], { type: "application/json" })),
          download: `mpemulator-export${seller ? `-${seller}` : ""}.json` });
        link.click();
        URL.revokeObjectURL(link.href);
        // The file holds the state; the answer shows what it counts.
        const counts = Object.fromEntries(["sellers", "customers", "payments", "rules"].map((k) => [k, reply.body[k].length]));
        return { ...reply, body: counts, text: JSON.stringify(counts) };
      }
      return reply;
    });
  } } },
    field("Seller", select("seller", [["", "every seller"], ...sellers.map((s) => [String(s.user_id), s.user_id])])),
    h("button", "Export"));

  const reset = h("button", { type: "button", class: "danger", on: { click: (e) => {
    if (confirm("Forget every seller, payment, customer, rule and journal entry, then load the start-up fixtures again?")) {
      act(e.currentTarget, box, () => call("POST", "/__admin/reset", { body: {} }), load);
    }
  } } }, "Reset everything");

  root.append(h("h1", "Fixtures and reset"), box,
    h("section", { class: "card" }, h("h2", "Load a fixture"), h("p", { class: "muted" },
      "Checked first and loaded in one transaction: if anything is wrong nothing is loaded and every problem is listed with its JSON path."), upload),
    h("section", { class: "card" }, h("h2", "Export"), h("p", { class: "muted" },
      "The state as a fixture file (sellers, customers with cards, payments, rules), to load back here or with --fixtures."), exporter),
    h("section", { class: "card" }, h("h2", "Generate data"), generate),
    h("section", { class: "card" }, h("h2", "Reset"), h("p", { class: "muted" }, "One seller is reset from the Sellers view."), reset),
    h("section", { class: "card" }, h("h2", "Stored"), state));

  async function load() {
    const reply = await get("/__admin/state");
    if (!reply.ok) return state.replaceChildren(failure(reply));
    const counts = Object.entries(reply.body.collections).map(([name, count]) => ({ name, count }));
    state.replaceChildren(pairs([["Storage", reply.body.storage], ["Emulator time", reply.body.now]]),
      table([{ label: "Collection", value: (c) => c.name }, { label: "Documents", class: "num", value: (c) => String(c.count) }], counts, "Empty."));
  }
  await load();
}
