"""The phone's page: one self-contained HTML document, inline CSS and JS, nothing from elsewhere.

The Content-Security-Policy allows exactly this page's one style and one script (by hash) and
connections back to the kiosk; the page builds its DOM with ``textContent`` only, so no tour text can
become markup. It reads the pairing token from the address's fragment (never sent to the server or in
a Referer), swaps it for the session cookie, and removes it from the address bar and history.
"""

from __future__ import annotations

import base64
import hashlib

STYLE = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:20px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
 background:#fff;color:#000}
main{padding:16px 16px 120px;max-width:720px;margin:0 auto}
h1{font-size:22px;margin:0 0 4px;font-weight:600}
h2{font-size:28px;line-height:1.2;margin:4px 0 8px}
.meta{font-size:18px;color:#222;font-variant-numeric:tabular-nums;margin:0 0 12px}
.notes{font-size:22px;border-inline-start:6px solid #000;padding:4px 12px;margin:0 0 20px;
 white-space:pre-wrap}
.label{font-size:16px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;margin:20px 0 8px}
button{font:inherit;font-weight:700;border:3px solid #000;border-radius:12px;min-height:64px;padding:8px 14px;
 background:#fff;color:#000;width:100%;text-align:start;touch-action:manipulation}
button:active{background:#ddd}
button:disabled{border-color:#888;color:#777}
ol{list-style:none;padding:0;margin:0;display:grid;gap:8px}
li button.current{background:#000;color:#fff}
li button{display:flex;gap:.4em}
li button .n{flex:none;min-width:1.6em;font-variant-numeric:tabular-nums}
.bar{position:fixed;left:0;right:0;bottom:0;display:flex;gap:10px;
 padding:10px 12px calc(10px + env(safe-area-inset-bottom));
 background:#fff;border-top:3px solid #000}
.bar button{text-align:center;min-height:76px;font-size:24px}
.bar #next{background:#000;color:#fff}
.bar #next:disabled{background:#777;border-color:#777;color:#fff}
#end{margin-top:24px;border-color:#a00000;color:#a00000;text-align:center}
#end.armed{background:#a00000;color:#fff}
#status{font-size:18px;background:#ffe36e;padding:8px 12px;margin:0 0 12px;border-radius:8px}
#message{font-size:24px;margin-top:40px}
[hidden]{display:none!important}
"""

SCRIPT = r"""
"use strict";
const $ = (id) => document.getElementById(id);
let state = null, receivedAt = 0, source = null, armed = 0;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}
function fill(text, ...args) {
  return args.reduce((t, a, i) => t.split("%" + (i + 1)).join(String(a)), text);
}
function clock(s) {
  s = Math.max(0, Math.floor(s));
  return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
}
function status(text) { $("status").textContent = text; $("status").hidden = !text; }
function message(text) {
  if (source) source.close();
  source = null; state = null;
  $("tour").hidden = true; $("chooser").hidden = true; $("bar").hidden = true;
  $("message").textContent = text; $("message").hidden = false; status("");
  document.body.dataset.mode = "message";
}

async function post(path, body) {
  let r;
  try {
    r = await fetch(path, {method: "POST", credentials: "same-origin", cache: "no-store",
      headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  } catch (e) {
    return {ok: false, status: 0, error: "The kiosk cannot be reached. Are you on its network?"};
  }
  let doc = {};
  try { doc = await r.json(); } catch (e) { doc = {}; }
  return {ok: r.ok, status: r.status, error: doc.error || ("The kiosk answered " + r.status)};
}

async function send(command) {
  const r = await post("/api/command", command);
  if (r.status === 401) message(r.error);
  else if (!r.ok) status(r.error);
}

function meta() {
  if (!state || state.mode !== "tour") return;
  const L = state.labels, gone = (Date.now() - receivedAt) / 1000, parts = [];
  if (state.planned_min) parts.push(fill(L.planned, state.planned_min));
  if (!state.at_end) parts.push(fill(L.here, clock(state.stop_elapsed_s + gone)));
  parts.push(fill(L.tour, clock(state.elapsed_s + gone), state.total_min));
  $("meta").textContent = parts.join(" · ");
}

function render() {
  const s = state, L = s.labels;
  document.documentElement.lang = s.lang;
  document.documentElement.dir = s.dir;
  document.body.dataset.mode = s.mode;
  $("message").hidden = true;
  if (s.mode === "chooser") {
    $("tour").hidden = true; $("bar").hidden = true; $("chooser").hidden = false;
    $("choose").textContent = L.choose;
    const list = $("tours");
    list.replaceChildren(...s.tours.map((t) => {
      const b = el("button", L.start + ": " + t.title);
      b.dataset.tour = t.id;
      b.addEventListener("click", () => send({action: "start", tour: t.id}));
      const li = el("li"); li.append(b); return li;
    }));
    return;
  }
  $("chooser").hidden = true; $("tour").hidden = false; $("bar").hidden = false;
  const n = s.stops.length;
  $("title").textContent = s.tour.title;
  $("progress").textContent = s.at_end ? L.closing
    : fill(L.stop_n, s.index + 1, n) + " · " + s.stops[s.index].title;
  $("notes-label").textContent = L.notes;
  $("notes").textContent = s.notes;
  $("notes").hidden = s.at_end;
  $("notes-label").hidden = s.at_end;
  $("stops-label").textContent = L.stops;
  $("stops").replaceChildren(...s.stops.map((stop, i) => {
    const b = el("button");
    b.append(el("span", String(i + 1) + ".", "n"), el("span", stop.title));
    b.dataset.stop = String(i);
    if (i === s.index) { b.className = "current"; b.setAttribute("aria-current", "step"); }
    b.addEventListener("click", () => send({action: "goto", stop: i}));
    const li = el("li"); li.append(b); return li;
  }));
  // arrows that are never bidi-mirrored, chosen by direction: Next points the way the text reads
  const [back, on] = s.dir === "rtl" ? ["→", "←"] : ["←", "→"];
  $("previous").textContent = back + " " + L.previous;
  $("next").textContent = L.next + " " + on;
  $("previous").disabled = s.index <= 0;
  $("next").disabled = s.at_end;
  disarm();
  meta();
}

function disarm() {
  armed = 0;
  if (state) $("end").textContent = state.labels.end_tour;
  $("end").classList.remove("armed");
}

function connect() {
  source = new EventSource("/api/events");
  source.addEventListener("state", (e) => {
    state = JSON.parse(e.data); receivedAt = Date.now(); status(""); render();
  });
  source.addEventListener("ended", (e) => message(JSON.parse(e.data).message));
  source.onerror = () => {
    if (!source) return;
    if (source.readyState === EventSource.CLOSED) {
      message("This phone is not paired. Tap Remote on the kiosk and scan its QR code.");
    } else status("Reconnecting to the kiosk…");  // EventSource retries by itself
  };
}

$("previous").addEventListener("click", () => send({action: "previous"}));
$("next").addEventListener("click", () => send({action: "next"}));
$("end").addEventListener("click", () => {
  if (!armed) {
    armed = setTimeout(disarm, 3000);
    $("end").textContent = state.labels.confirm_end; $("end").classList.add("armed");
    return;
  }
  clearTimeout(armed); disarm();
  send({action: "end"});
});
setInterval(meta, 1000);

(async () => {
  const m = /^#p=([A-Za-z0-9_-]{16,128})$/.exec(location.hash);
  if (location.hash) history.replaceState(null, "", location.pathname);
  if (m) {
    const r = await post("/api/pair", {token: m[1]});
    if (!r.ok) { message(r.error); return; }
  }
  connect();
})();
"""

BODY = """<main>
<p id="status" role="status" hidden></p>
<p id="message" role="alert" hidden></p>
<section id="chooser" hidden><h2 id="choose"></h2><ol id="tours"></ol></section>
<section id="tour" hidden>
<h1 id="title"></h1>
<h2 id="progress"></h2>
<p id="meta" class="meta"></p>
<p id="notes-label" class="label"></p>
<p id="notes" class="notes"></p>
<p id="stops-label" class="label"></p>
<ol id="stops"></ol>
<button id="end" type="button"></button>
</section>
</main>
<nav id="bar" class="bar" hidden><button id="previous" type="button"></button>\
<button id="next" type="button"></button></nav>"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


PAGE = (
    '<!doctype html>\n<html lang="en" dir="ltr"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">'
    '<meta name="referrer" content="no-referrer"><meta name="color-scheme" content="light">'
    f"<title>Tour remote</title><style>{STYLE}</style></head>\n<body>\n{BODY}\n<script>{SCRIPT}</script>"
    "\n</body></html>\n"
).encode()

CSP = (
    f"default-src 'none'; style-src {_hash(STYLE)}; script-src {_hash(SCRIPT)}; connect-src 'self'; "
    "img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""Only this page's own style and script run; it may only talk back to the kiosk."""
