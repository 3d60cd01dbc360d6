// The live feed: payment events from /__admin/events (server-sent events), read with fetch rather than EventSource so
// the admin key header can go along. Reconnects with back-off; views subscribe with onPayment.
import { adminHeaders } from "./api.js";

const listeners = new Set();

export function onPayment(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function connect(setLive) {
  for (let wait = 500; ; wait = Math.min(wait * 2, 10_000)) {
    try {
      const response = await fetch("/__admin/events", { headers: { Accept: "text/event-stream", ...adminHeaders() } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replaceAll("\r\n", "\n");
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          dispatch(buffer.slice(0, end), setLive);
          buffer = buffer.slice(end + 2);
          wait = 500;
        }
      }
    } catch { /* offline: try again below */ }
    setLive(false);
    await new Promise((resume) => setTimeout(resume, wait));
  }
}

function dispatch(block, setLive) {
  let type = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) type = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
  }
  if (type === "ready") setLive(true);
  else if (type === "payment") listeners.forEach((l) => l(JSON.parse(data.join("\n"))));
  else if (type === "reset") listeners.forEach((l) => l({ reset: true }));
}

/** Calls f at most once per wait, after the last of a burst of events. */
export function debounce(f, wait = 250) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => f(...args), wait);
  };
}
