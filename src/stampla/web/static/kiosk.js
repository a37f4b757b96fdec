// The kiosk page: number + PIN (or a badge: digits and Enter), the punch posted to the
// server, and, while the server does not answer, a queue in IndexedDB sent when it does.
"use strict";
(function () {
  const root = document.getElementById("kiosk");
  const terminal = root.dataset.terminal;
  const base = "/kiosk/" + terminal;
  const $ = (id) => document.getElementById(id);
  const IDLE_MS = 4000, RETRY_MS = 1000;
  const BOUNCE_MS = 1000 * Number(root.dataset.bounce || 30);
  let lastTap = { nr: null, at: 0 };
  let idleTimer = null;

  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("stampla-kiosk-" + terminal, 1);
      request.onupgradeneeded = () => request.result.createObjectStore("queue", { autoIncrement: true });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  async function withQueue(mode, work) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const tx = db.transaction("queue", mode);
      const result = work(tx.objectStore("queue"));
      tx.oncomplete = () => resolve(result.result !== undefined ? result.result : result);
      tx.onerror = () => reject(tx.error);
    });
  }
  const queued = () => withQueue("readonly", (s) => s.count());
  async function showWaiting() {
    const n = await queued();
    $("waiting").textContent = n ? n + " punch" + (n === 1 ? "" : "es") + " waiting to be sent" : "";
  }
  function show(text, kind) {
    $("answer").textContent = text;
    $("answer").className = kind;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => { $("answer").textContent = ""; $("answer").className = ""; $("nr").focus(); }, IDLE_MS);
  }
  async function post(body) {
    const response = await fetch(base + "/punch", {
      method: "POST", headers: { "Content-Type": "application/json" },
      credentials: "same-origin", body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  }
  let draining = false;
  async function drain() {
    if (draining) return;  // one drain at a time, or a slow one would be sent twice
    draining = true;
    try { await drainOnce(); } finally { draining = false; }
  }
  async function drainOnce() {
    const items = await withQueue("readonly", (s) => s.getAll());
    const keys = await withQueue("readonly", (s) => s.getAllKeys());
    for (let i = 0; i < items.length; i++) {
      let answer;
      try { answer = await post(items[i]); } catch (e) { return; }
      if (answer.status >= 500) return;
      await withQueue("readwrite", (s) => s.delete(keys[i]));
    }
    await showWaiting();
  }
  async function punch(nr, pin) {
    const now = Date.now();
    if (nr === lastTap.nr && now - lastTap.at < BOUNCE_MS) return;  // a double tap
    const body = { EmployeeNr: nr, Pin: pin };
    try {
      const answer = await post(body);
      if (answer.status === 200) {
        lastTap = { nr: nr, at: now };
        show(answer.json.name + ": " + answer.json.action + " " + answer.json.time, "ok");
      } else {
        show(answer.json.errorMessage || "Refused", "refused");
      }
    } catch (e) {
      lastTap = { nr: nr, at: now };
      body.MadeAt = new Date(now).toISOString();
      await withQueue("readwrite", (s) => s.add(body));
      show("Saved offline: it is sent when the server answers", "offline");
      await showWaiting();
    }
  }
  $("punch").addEventListener("submit", (event) => {
    event.preventDefault();
    const nr = $("nr").value.trim(), pin = $("pin").value;
    $("nr").value = ""; $("pin").value = "";
    if (nr) punch(nr, pin);
    $("nr").focus();
  });
  $("nr").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !$("pin").value) { event.preventDefault(); $("pin").focus(); }
  });
  setInterval(drain, RETRY_MS);
  showWaiting();
  $("nr").focus();
})();
