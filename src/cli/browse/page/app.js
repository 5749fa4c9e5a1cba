// The page of `ampx-rs browse`. Every key is put into the page as text (textContent,
// never HTML), so a key can show anything and run nothing.

const $ = (selector) => document.querySelector(selector);
const state = {
  session: null,
  bucket: "",
  prefix: "",
  next: null,
  rows: [],
  may: { get: true, write: true, delete: true },
  selected: null,
  signature: "",
  // The session's header secret: sent with every API request, never in a cookie.
  secret: "",
};

// ---- signing in ---------------------------------------------------------------------

const SECRET_HEADER = "x-ampx-secret";
const SECRET_KEY = "ampx-browse-secret";
// How long a signed object URL (an image, a download) stays valid, in seconds.
const SIGNED_FOR = 300;

// The printed address holds a one-time code in its fragment: exchange it once for the
// session (a cookie, and the secret kept in this tab's sessionStorage, which no other
// port's page can read), and take it out of the address bar at once.
async function signIn() {
  const code = new URLSearchParams(location.hash.slice(1)).get("code");
  if (code) {
    history.replaceState(null, "", location.pathname + location.search);
    const response = await fetch("/api/exchange", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });
    const answer = await response.json().catch(() => ({}));
    if (response.ok) sessionStorage.setItem(SECRET_KEY, answer.secret);
    else if (!sessionStorage.getItem(SECRET_KEY)) {
      throw Object.assign(new Error(answer.message ?? response.statusText), { code: answer.error ?? response.status });
    }
  }
  state.secret = sessionStorage.getItem(SECRET_KEY) ?? "";
  if (!state.secret) {
    throw Object.assign(new Error("open the address that `ampx-rs browse` printed (it signs this page in once)"), { code: "NotSignedIn" });
  }
}

async function hmacHex(key, message) {
  const encoder = new TextEncoder();
  const hmacKey = await crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", hmacKey, encoder.encode(message));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// An object URL the browser loads by itself (an <img>, a download), which cannot carry
// the secret header: signed with it instead, for a few minutes.
async function signedObjectUrl(key, inline = false) {
  const exp = Math.floor(Date.now() / 1000) + SIGNED_FOR;
  const q = `${query({ key, ...(inline ? { inline: "true" } : {}) })}&exp=${exp}`;
  const sig = await hmacHex(state.secret, `GET /api/object?${q}`);
  return `/api/object?${q}&sig=${sig}`;
}

// Control characters of a key made visible: `\x0a`, not a line break.
export function shown(key) {
  return key.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "text") node.textContent = value;
    else if (name === "on") for (const [event, f] of Object.entries(value)) node.addEventListener(event, f);
    else if (name in node) node[name] = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

// A role takes an optional identity id; a local user (`user:...`) has their own.
const takesIdentity = (who) => who && who !== "guest" && !who.startsWith("user:");

function viewAs() {
  const who = $("#view-as").value;
  const id = $("#identity").value.trim();
  return takesIdentity(who) && id ? `${who}:${id}` : who;
}

// The local sandbox's refusals, each explained in the definition's words.
async function showDenials() {
  const { denials } = await api("/api/denials");
  const items = denials.map((d) => el("li", {}, el("time", { text: new Date(d.at * 1000).toLocaleTimeString() }), " ", shown(d.text)));
  view("Denials", denials.length ? el("ol", { className: "denials" }, ...items) : el("p", { text: "Nothing was refused yet." }));
}

// The codes the local user pool sent (sign-up, reset, MFA), newest first.
async function showMail() {
  const { mail } = await api("/api/mail");
  const rows = mail.map((m) =>
    el("tr", {}, el("td", { text: shown(m.to) }), el("td", { text: m.purpose }), el("td", { text: m.code }),
      el("td", { text: new Date(m.sent * 1000).toLocaleString() })));
  const table = el("table", { className: "mail" },
    el("thead", {}, el("tr", {}, ...["To", "For", "Code", "Sent"].map((h) => el("th", { text: h })))),
    el("tbody", {}, ...rows));
  view("Mail", mail.length ? table : el("p", { text: "No codes sent yet." }));
}

function query(params) {
  const all = { bucket: state.bucket, ...params };
  const who = viewAs();
  if (who) all.as = who;
  return new URLSearchParams(all).toString();
}

async function api(path, { method = "GET", body, params = {} } = {}) {
  const url = method === "GET" ? `${path}?${query(params)}` : path;
  const init = { method, headers: { [SECRET_HEADER]: state.secret } };
  if (body !== undefined) {
    const who = viewAs();
    init.body = JSON.stringify({ bucket: state.bucket, ...(who ? { as: who } : {}), ...body });
    init.headers["content-type"] = "application/json";
  }
  const response = await fetch(url, init);
  const answer = await response.json().catch(() => ({ error: "Failed", message: response.statusText }));
  if (!response.ok) throw Object.assign(new Error(answer.message), { code: answer.error });
  return answer;
}

function say(text, kind = "") {
  const status = $("#status");
  status.textContent = text;
  status.className = kind;
}

function failed(error) {
  say(`${error.code ?? "Error"}: ${error.message}`, "error");
}

const uri = (key) => `s3://${state.bucket}/${key}`;
const nameOf = (key) => key.slice(key.replace(/\/$/, "").lastIndexOf("/") + 1);
const objectUrl = (key, inline = false) => `/api/object?${query({ key, ...(inline ? { inline: "true" } : {}) })}`;

function humanSize(bytes) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let n = bytes;
  let unit = 0;
  while (n >= 1024 && unit < units.length - 1) {
    n /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${n} B` : `${n.toFixed(1)} ${units[unit]}`;
}

const IMAGE = /\.(png|jpe?g|gif|webp|avif|bmp)$/i;
const TEXT = /\.(txt|md|json|csv|tsv|log|xml|ya?ml|toml|ini|ts|js|mjs|css|html?|svg)$/i;
const PREVIEW_LIMIT = 1024 * 1024;

// ---- the listing ----------------------------------------------------------------

// The address keeps the bucket and folder (`#bucket:prefix`), so a reload or a bookmark
// opens the same place.
function place() {
  const [bucket, prefix] = location.hash.slice(1).split(":").map(decodeURIComponent);
  return { bucket, prefix: prefix ?? "" };
}

async function open(prefix) {
  state.prefix = prefix;
  history.replaceState(null, "", `#${encodeURIComponent(state.bucket)}:${encodeURIComponent(prefix)}`);
  state.selected = null;
  $("#filter").value = "";
  renderCrumbs();
  await load();
  showAccess(prefix);
}

async function load({ more = false } = {}) {
  try {
    const page = await api("/api/list", {
      params: { prefix: state.prefix, ...(more && state.next ? { token: state.next } : {}) },
    });
    state.next = page.next;
    state.may = page.may;
    const rows = [
      ...page.prefixes.map((p) => ({ folder: true, key: p })),
      ...page.objects.filter((o) => o.key !== state.prefix).map((o) => ({ folder: false, ...o })),
    ];
    const drawn = more ? state.rows.length : 0;
    state.rows = more ? [...state.rows, ...rows] : rows;
    if (!more) state.signature = JSON.stringify(page);
    say("");
    render(drawn);
    if (state.selected && !state.rows.some((r) => r.key === state.selected)) {
      state.selected = null;
      showAccess(state.prefix);
    }
  } catch (error) {
    state.rows = [];
    state.next = null;
    state.may = {};
    render();
    failed(error);
  }
}

function renderCrumbs() {
  const crumbs = $("#crumbs");
  crumbs.replaceChildren();
  const parts = state.prefix.split("/").filter((p, i, all) => i < all.length - 1);
  crumbs.append(el("button", { type: "button", text: state.bucket, on: { click: () => open("") } }));
  let path = "";
  for (const part of parts) {
    path += `${part}/`;
    const target = path;
    crumbs.append(el("span", { className: "sep", text: "/" }));
    crumbs.append(el("button", { type: "button", text: shown(part), on: { click: () => open(target) } }));
  }
}

// Draws the rows from index `from` on (the rows before it are drawn already: "Load
// more" adds a page without drawing the others again).
function render(from = 0) {
  const deny = (what) => `${viewAs() || "you"} may not ${what} here`;
  $("#listing").dataset.viewer = viewAs() || "you";
  for (const [id, allowed] of [["#upload-files-label", state.may.write], ["#upload-folder-label", state.may.write]]) {
    $(id).classList.toggle("disabled", !allowed);
    $(id).querySelector("input").disabled = !allowed;
    $(id).title = allowed ? "" : deny("write");
  }
  $("#new-folder").disabled = !state.may.write;
  const filter = $("#filter").value.toLowerCase();
  const body = document.createDocumentFragment();
  for (const row of state.rows.slice(from)) {
    const name = nameOf(row.key);
    if (filter && !name.toLowerCase().includes(filter)) continue;
    body.append(row.folder ? folderRow(row, name) : fileRow(row, name));
  }
  if (from === 0) $("#listing tbody").replaceChildren(body);
  else $("#listing tbody").append(body);
  $("#empty").hidden = state.rows.length > 0;
  $("#more").hidden = !state.next;
  if (!$("#status").textContent) {
    say(`${state.rows.length}${state.next ? "+" : ""} item(s) in ${shown(uri(state.prefix))}`);
  }
}

// One date format for every row (a formatter per row costs more than the row).
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

// Each row has one Actions button; the menu it opens is shared (fewer elements per row:
// a page of 1000 rows draws in a fraction of the time six buttons a row took).
function actionsButton(row) {
  return el("td", { className: "actions" },
    el("button", {
      type: "button",
      className: "menu-button",
      text: "Actions",
      "aria-haspopup": "menu",
      "aria-expanded": "false",
      "aria-label": `Actions for ${shown(nameOf(row.key))}`,
      on: { click: (event) => { event.stopPropagation(); openMenu(event.currentTarget, row); } },
    }));
}

function folderRow(row, name) {
  const tr = el("tr");
  tr.dataset.key = row.key;
  tr.append(
    el("td", { className: "name" },
      el("button", { type: "button", className: "open folder-icon", text: shown(name), on: { click: () => open(row.key) } })),
    el("td", { className: "size", text: "—" }),
    el("td", { className: "modified" }),
    actionsButton(row),
  );
  return tr;
}

function fileRow(row, name) {
  const tr = el("tr");
  tr.dataset.key = row.key;
  const cell = el("td", { className: "name" });
  if (IMAGE.test(row.key) && state.may.get) {
    const thumb = el("img", { className: "thumb", alt: "", loading: "lazy" });
    signedObjectUrl(row.key, true).then((url) => { thumb.src = url; });
    cell.append(thumb);
  }
  cell.append(el("button", { type: "button", className: "open", text: shown(name), on: { click: () => preview(row) } }));
  tr.append(
    cell,
    el("td", { className: "size", text: humanSize(row.size) }),
    el("td", { className: "modified", text: row.modified ? dateFormat.format(new Date(row.modified)) : "" }),
    actionsButton(row),
  );
  tr.addEventListener("click", () => select(tr, row.key));
  return tr;
}

// What may be done to a row, as the viewer: [label, allowed, why not, run].
function actionsFor(row) {
  const who = viewAs() || "you";
  const deny = (what) => `${who} may not ${what} here`;
  const moves = state.may.write && state.may.delete;
  const file = !row.folder;
  return [
    file && ["Download", state.may.get, deny("read"), () => download(row.key).catch(failed)],
    ["Copy path", true, "", () => copy(uri(row.key))],
    file && ["Link", state.may.get, deny("read"), () => presign(row.key)],
    ["Rename", moves, deny("move files"), () => rename(row)],
    ["Move", moves, deny("move files"), () => move(row)],
    ["Delete", state.may.delete, deny("delete"), () => (file ? removeFile(row.key) : removeFolder(row.key))],
  ].filter(Boolean);
}

function openMenu(anchor, row) {
  closeMenu(false);
  const menu = $("#menu");
  menu.replaceChildren(...actionsFor(row).map(([text, allowed, why, run]) =>
    el("button", {
      type: "button",
      role: "menuitem",
      text,
      disabled: !allowed,
      title: allowed ? "" : why,
      on: { click: () => { closeMenu(false); run(); } },
    })));
  const box = anchor.getBoundingClientRect();
  menu.style.top = `${box.bottom + window.scrollY + 2}px`;
  menu.style.left = `${Math.max(8, box.right + window.scrollX - 190)}px`;
  menu.hidden = false;
  state.menuAnchor = anchor;
  anchor.setAttribute("aria-expanded", "true");
  menu.querySelector("button:not(:disabled)")?.focus();
}

function closeMenu(refocus = true) {
  const menu = $("#menu");
  if (menu.hidden) return;
  menu.hidden = true;
  state.menuAnchor?.setAttribute("aria-expanded", "false");
  if (refocus) state.menuAnchor?.focus();
  state.menuAnchor = null;
}

function setUpMenu() {
  document.addEventListener("click", (event) => {
    if (!$("#menu").contains(event.target)) closeMenu(false);
  });
  document.addEventListener("keydown", (event) => {
    if ($("#menu").hidden) return;
    const items = [...$("#menu").querySelectorAll("button:not(:disabled)")];
    const at = items.indexOf(document.activeElement);
    if (event.key === "Escape") closeMenu();
    else if (event.key === "ArrowDown") items[(at + 1) % items.length]?.focus();
    else if (event.key === "ArrowUp") items[(at - 1 + items.length) % items.length]?.focus();
    else return;
    event.preventDefault();
  });
}

function select(tr, key) {
  document.querySelectorAll("tr.selected").forEach((r) => r.classList.remove("selected"));
  tr.classList.add("selected");
  state.selected = key;
  showAccess(key);
}

// ---- dialogs ----------------------------------------------------------------------

function ask(text, { value = null, ok = "OK" } = {}) {
  const dialog = $("#ask");
  $("#ask-text").textContent = text;
  const input = $("#ask-input");
  input.hidden = value === null;
  input.value = value ?? "";
  $("#ask-ok").textContent = ok;
  return new Promise((resolve) => {
    const done = (answer) => {
      dialog.close();
      $("#ask-ok").onclick = $("#ask-cancel").onclick = input.onkeydown = null;
      resolve(answer);
    };
    $("#ask-ok").onclick = () => done(value === null ? true : input.value);
    $("#ask-cancel").onclick = () => done(null);
    input.onkeydown = (event) => { if (event.key === "Enter") done(input.value); };
    dialog.onclose = () => resolve(null);
    dialog.showModal();
    (value === null ? $("#ask-ok") : input).focus();
  });
}

function view(title, ...content) {
  $("#viewer-title").textContent = title;
  $("#viewer-body").replaceChildren(...content);
  $("#viewer").showModal();
}

// ---- operations ---------------------------------------------------------------------

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    say(`Copied ${shown(text)}`);
  } catch {
    view("Copy this", el("div", { className: "url", text }));
  }
}

async function download(key) {
  const link = el("a", { href: await signedObjectUrl(key), download: "" });
  document.body.append(link);
  link.click();
  link.remove();
}

async function preview(row) {
  const title = shown(uri(row.key));
  if (IMAGE.test(row.key)) {
    view(title, el("img", { alt: `Preview of ${shown(nameOf(row.key))}`, src: await signedObjectUrl(row.key, true) }));
  } else if (TEXT.test(row.key) && row.size <= PREVIEW_LIMIT) {
    try {
      const response = await fetch(objectUrl(row.key), { headers: { [SECRET_HEADER]: state.secret } });
      if (!response.ok) throw Object.assign(new Error((await response.json()).message), { code: response.status });
      let text = await response.text();
      if (/\.json$/i.test(row.key)) {
        try { text = JSON.stringify(JSON.parse(text), null, 2); } catch { /* shown as it is */ }
      }
      view(title, el("pre", { text }));
    } catch (error) {
      failed(error);
    }
  } else {
    view(title, el("p", { text: `No preview for this file (${humanSize(row.size)}).` }),
      el("button", { type: "button", text: "Download", on: { click: () => download(row.key).catch(failed) } }));
  }
}

async function presign(key) {
  const seconds = await ask(`Link to ${shown(uri(key))}, valid for how many seconds?`, { value: "3600", ok: "Create link" });
  if (seconds === null) return;
  try {
    const link = await api("/api/presign", { method: "POST", body: { key, expires_in: Number(seconds) } });
    view("Presigned link",
      el("div", { className: "url", text: link.url }),
      el("p", { text: `Anyone with this link can download the file until ${new Date(link.expires).toLocaleString()}.` }),
      el("button", { type: "button", text: "Copy link", on: { click: () => copy(link.url) } }));
  } catch (error) {
    failed(error);
  }
}

async function moveTo(from, to) {
  try {
    const moved = await api("/api/move", { method: "POST", body: { from, to } });
    await load();
    say(`Moved ${moved.moved} object(s) to ${shown(moved.to)}`);
  } catch (error) {
    failed(error);
  }
}

async function rename(row) {
  const name = nameOf(row.key).replace(/\/$/, "");
  const answer = await ask(`New name for ${shown(name)}`, { value: name, ok: "Rename" });
  if (!answer || answer === name) return;
  const parent = row.key.slice(0, row.key.length - nameOf(row.key).length);
  await moveTo(row.key, parent + answer + (row.folder ? "/" : ""));
}

async function move(row) {
  const answer = await ask(`Move ${shown(uri(row.key))} to which folder? (a path in ${state.bucket}, empty for the top)`,
    { value: state.prefix, ok: "Move" });
  if (answer === null) return;
  const folder = answer === "" || answer.endsWith("/") ? answer : `${answer}/`;
  await moveTo(row.key, folder + nameOf(row.key));
}

async function removeFile(key) {
  if (!(await ask(`Delete ${shown(uri(key))}?`, { ok: "Delete" }))) return;
  try {
    await api("/api/delete", { method: "POST", body: { key } });
    await load();
    say(`Deleted ${shown(uri(key))}`);
  } catch (error) {
    failed(error);
  }
}

async function removeFolder(prefix) {
  try {
    const { objects } = await api("/api/count", { params: { prefix } });
    const ok = await ask(`Delete ${objects} object${objects === 1 ? "" : "s"} under ${shown(uri(prefix))}?`, { ok: "Delete" });
    if (!ok) return;
    const done = await api("/api/delete", { method: "POST", body: { prefix, expected: objects } });
    await load();
    say(`Deleted ${done.deleted} object(s)${done.failed.length ? `; ${done.failed.length} failed` : ""}`,
      done.failed.length ? "error" : "");
  } catch (error) {
    failed(error);
  }
}

async function newFolder() {
  const name = await ask(`New folder in ${shown(uri(state.prefix))}`, { value: "", ok: "Create" });
  if (!name) return;
  try {
    const made = await api("/api/folder", { method: "POST", body: { prefix: state.prefix + name.replace(/\/+$/, "") + "/" } });
    await load();
    say(made.warning ? `Created; warning: ${made.warning}` : `Created ${shown(made.uri)}`, made.warning ? "warning" : "");
  } catch (error) {
    failed(error);
  }
}

// ---- uploads ----------------------------------------------------------------------

const UPLOADS_AT_ONCE = 4;

function uploadOne(file, key) {
  const bar = el("progress", { max: file.size || 1, value: 0 });
  const item = el("li", {}, el("div", { text: shown(key) }), bar);
  $("#uploads ul").prepend(item);
  $("#uploads").hidden = false;
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("PUT", objectUrl(key));
    request.setRequestHeader(SECRET_HEADER, state.secret);
    request.upload.onprogress = (event) => { bar.value = event.loaded; };
    request.onload = () => {
      let answer = {};
      try { answer = JSON.parse(request.responseText); } catch { /* below */ }
      if (request.status === 200) {
        bar.value = bar.max;
        if (answer.warning) {
          item.classList.add("warned");
          item.append(el("div", { text: `warning: ${answer.warning}` }));
        }
        resolve(true);
      } else {
        item.classList.add("failed");
        item.append(el("div", { text: `${answer.error ?? request.status}: ${answer.message ?? request.statusText}` }));
        resolve(false);
      }
    };
    request.onerror = () => {
      item.classList.add("failed");
      item.append(el("div", { text: "the connection failed" }));
      resolve(false);
    };
    request.send(file);
  });
}

// `files`: [File, path relative to the current folder].
async function upload(files) {
  if (!files.length) return;
  if (!state.may.write) {
    say(`${viewAs() || "you"} may not write here`, "error");
    return;
  }
  const queue = [...files];
  let ok = 0;
  const worker = async () => {
    while (queue.length) {
      const [file, rel] = queue.shift();
      if (await uploadOne(file, state.prefix + rel)) ok += 1;
    }
  };
  await Promise.all(Array.from({ length: UPLOADS_AT_ONCE }, worker));
  await load();
  say(`Uploaded ${ok} of ${files.length} file(s)`, ok === files.length ? "" : "error");
}

// Files of a dropped folder, read through the entries API (recursively).
async function entries(entry, path = "") {
  if (entry.isFile) {
    return [[await new Promise((resolve, reject) => entry.file(resolve, reject)), path + entry.name]];
  }
  const reader = entry.createReader();
  const all = [];
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    for (const child of batch) all.push(...(await entries(child, `${path}${entry.name}/`)));
  }
  return all;
}

function setUpDrop() {
  const zone = $("#files");
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("dropping");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dropping"));
  zone.addEventListener("drop", async (event) => {
    event.preventDefault();
    zone.classList.remove("dropping");
    const items = [...event.dataTransfer.items].map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
    const files = items.length
      ? (await Promise.all(items.map((e) => entries(e)))).flat()
      : [...event.dataTransfer.files].map((f) => [f, f.name]);
    await upload(files);
  });
}

// ---- access -----------------------------------------------------------------------

async function showAccess(path) {
  const where = $("#access-where");
  where.textContent = shown(uri(path));
  const body = $("#access tbody");
  body.replaceChildren();
  try {
    const answer = await api("/api/access", { params: { path } });
    if (!answer.available) {
      $("#access-note").textContent = answer.reason;
      return;
    }
    for (const row of answer.rows) {
      const cell = (action) => {
        const yes = row.actions.includes(action);
        return el("td", { className: yes ? "yes" : "no", text: yes ? "yes" : "no" });
      };
      body.append(el("tr", {}, el("td", { text: row.who }), cell("get"), cell("list"), cell("write"), cell("delete")));
    }
    $("#access-note").textContent = answer.paths.length
      ? `Access paths: ${answer.paths.join(", ")}. Decided as ampx-rs access check decides.`
      : "This bucket has no access rules: no app user can reach it.";
  } catch (error) {
    $("#access-note").textContent = error.message;
  }
}

// ---- start ------------------------------------------------------------------------

async function refreshIfChanged() {
  if (document.hidden || document.querySelector("dialog[open]") || !$("#menu").hidden || state.rows.length > 1000) return;
  try {
    const page = await api("/api/list", { params: { prefix: state.prefix } });
    if (JSON.stringify(page) !== state.signature) await load();
  } catch {
    /* the next tick tries again */
  }
}

async function start() {
  await signIn();
  state.session = await api("/api/session");
  const buckets = $("#bucket");
  for (const b of state.session.buckets) {
    buckets.append(el("option", { value: b.name, text: b.default ? `${b.name} (default)` : b.name }));
  }
  for (const who of state.session.view_as) $("#view-as").append(el("option", { value: who, text: who }));
  $("#view-as").disabled = state.session.view_as.length === 0;
  $("#mode").textContent = state.session.local ? "local sandbox" : "cloud";
  $("#mail").hidden = !state.session.local;
  $("#mail").addEventListener("click", showMail);
  $("#denials").hidden = !state.session.local;
  $("#denials").addEventListener("click", showDenials);
  const start = place();
  const known = state.session.buckets.some((b) => b.name === start.bucket);
  state.bucket = known ? start.bucket : state.session.buckets[0].name;
  buckets.value = state.bucket;
  buckets.addEventListener("change", () => { state.bucket = buckets.value; open(""); });
  $("#view-as").addEventListener("change", () => {
    $("#identity").hidden = !takesIdentity($("#view-as").value);
    open(state.prefix);
  });
  $("#identity").addEventListener("change", () => open(state.prefix));
  $("#filter").addEventListener("input", () => render());
  $("#refresh").addEventListener("click", () => load());
  $("#more").addEventListener("click", () => load({ more: true }));
  $("#new-folder").addEventListener("click", newFolder);
  $("#viewer-close").addEventListener("click", () => $("#viewer").close());
  $("#upload-files").addEventListener("change", async (event) => {
    await upload([...event.target.files].map((f) => [f, f.name]));
    event.target.value = "";
  });
  $("#upload-folder").addEventListener("change", async (event) => {
    await upload([...event.target.files].map((f) => [f, f.webkitRelativePath || f.name]));
    event.target.value = "";
  });
  for (const id of ["#upload-files-label", "#upload-folder-label"]) {
    $(id).addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        $(id).querySelector("input").click();
      }
    });
  }
  setUpDrop();
  setUpMenu();
  await open(known ? start.prefix : "");
  // The local sandbox changes under the page (the app, `cp`): follow it.
  if (state.session.local) setInterval(refreshIfChanged, 2000);
}

start().catch(failed);
