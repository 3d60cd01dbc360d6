// Parity: every operation of Mercado Pago's official OpenAPI and how far the emulator covers it (GET /__admin/parity).
import { get } from "../api.js";
import { h, failure, pairs, select, table } from "../ui.js";

const LABELS = { emulated: "Emulated", partly: "Partly", not_emulated: "Not emulated" };

export async function render(root) {
  const reply = await get("/__admin/parity");
  if (!reply.ok) return root.append(h("h1", "Parity"), failure(reply));
  const { operations, totals, rows } = reply.body;
  const list = h("div", { class: "results" });
  const filter = select("coverage", [["", "All"], ...Object.entries(LABELS)], "");
  const columns = [
    { label: "Method", value: (r) => h("code", r.method) },
    { label: "Path", value: (r) => h("code", { class: "wrap" }, r.path) },
    { label: "Coverage", value: (r) => h("strong", LABELS[r.coverage]) },
    { label: "Missing or instead", value: (r) => r.missing ?? "—" },
  ];
  const show = () => list.replaceChildren(table(columns, rows.filter((r) => !filter.value || r.coverage === filter.value)));
  filter.addEventListener("change", show);
  root.append(h("h1", "Parity"),
    h("p", { class: "muted" }, "A real Mercado Pago route the emulator does not emulate answers 501 naming it; a path Mercado Pago does not have answers 404."),
    h("section", { class: "card" }, pairs([["Operations", String(operations)],
      ...Object.entries(LABELS).map(([key, label]) => [label, String(totals[key])])])),
    h("label", { class: "field" }, h("span", "Show"), filter), list);
  show();
}
