// The emulator's clock: where it stands, and moving it (every time rule follows: expiries, releases, token ages).
import { call, get } from "../api.js";
import { h, act, answerBox, failure, field, pairs } from "../ui.js";

const PRESETS = [["PT1H", "+1 hour"], ["P1D", "+1 day"], ["P5D", "+5 days"], ["P7DT1H", "+7 days 1 hour"], ["P30D", "+30 days"]];

export async function render(root) {
  const box = answerBox();
  const now = h("div");
  const moved = () => { dispatchEvent(new Event("mp:clock")); return load(); };
  const advance = (duration) => () => call("POST", "/__admin/clock/advance", { body: { duration } });
  const duration = h("input", { name: "duration", required: true, placeholder: "P2DT3H", pattern: "P.*" });
  const at = h("input", { name: "now", type: "datetime-local", step: "1", required: true });

  root.append(h("h1", "Clock"), now, box,
    h("section", { class: "card" }, h("h2", "Advance"),
      h("div", { class: "buttons" }, PRESETS.map(([d, label]) =>
        h("button", { type: "button", on: { click: (e) => act(e.currentTarget, box, advance(d), moved) } }, label))),
      h("form", { class: "inline", on: { submit: (e) => { e.preventDefault(); act(e.submitter, box, advance(duration.value.trim()), moved); } } },
        field("ISO-8601 duration", duration), h("button", "Advance"))),
    h("section", { class: "card" }, h("h2", "Set"),
      h("form", { class: "inline", on: { submit: async (e) => {
        e.preventDefault();
        const zone = (await get("/__admin/clock")).body?.now?.slice(23) ?? "Z";
        const value = at.value.length === 16 ? `${at.value}:00` : at.value;
        act(e.submitter, box, () => call("POST", "/__admin/clock/set", { body: { now: `${value}.000${zone}` } }), moved);
      } } }, field("Emulator time (its own offset)", at), h("button", "Set"))));

  async function load() {
    const reply = await get("/__admin/clock");
    if (!reply.ok) return now.replaceChildren(failure(reply));
    now.replaceChildren(h("section", { class: "card" }, pairs([["Now", h("strong", reply.body.now)], ["Moved by", reply.body.offset]]),
      h("p", { class: "muted" }, "Advance only moves forward. Deadlines it passes take effect the next time a payment is read (this dashboard reads them).")));
  }
  await load();
}
