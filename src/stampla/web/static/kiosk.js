// The kiosk page: number + PIN, or a badge (a reader types its digits and Enter much faster
// than a hand does), an account to choose where the kiosk offers them, the punch posted to
// the server, and, while the server does not answer, a queue in IndexedDB sent when it does.
"use strict";
(function () {
  const root = document.getElementById("kiosk");
  const terminal = root.dataset.terminal;
  const base = "/kiosk/" + terminal;
  const $ = (id) => document.getElementById(id);
  const IDLE_MS = 4000, CHOICE_MS = 20000, RETRY_MS = 1000;
  // A badge reader types a character every few milliseconds; a person needs 100 ms or more.
  const BADGE_MS_PER_KEY = 50, BADGE_MIN_LENGTH = 3;
  const BOUNCE_MS = 1000 * Number(root.dataset.bounce || 30);
  const badgeOnly = root.dataset.badgeOnly === "true";
  const cachedAccounts = root.dataset.accounts ? JSON.parse(root.dataset.accounts) : null;
  // The words, in the page's language (the template translates them).
  const say = root.dataset;
  const actions = JSON.parse(say.actions || "{}");
  let lastTap = { who: null, at: 0 };
  let idleTimer = null;
  let typing = { first: 0, count: 0 };
  let swiped = false;  // the number field holds a badge the reader typed
  let pending = null;  // the identification waiting for an account choice

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
    $("waiting").textContent = !n ? "" : n === 1 ? say.textWaitingOne : say.textWaitingMany.replace("{n}", n);
  }
  function idle() {
    $("answer").textContent = ""; $("answer").className = "";
    hideChoice();
    $("nr").focus();
  }
  function show(text, kind, ms) {
    $("answer").textContent = text;
    $("answer").className = kind;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(idle, ms || IDLE_MS);
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
  async function queue(body, madeAt) {
    body.MadeAt = new Date(madeAt).toISOString();
    await withQueue("readwrite", (s) => s.add(body));
    show(say.textOffline, "offline");
    await showWaiting();
  }
  function hideChoice() {
    pending = null;
    $("choice").hidden = true;
    $("choices").textContent = "";
    $("punch").hidden = false;
  }
  function offerChoice(body, name, accounts, madeAt, offline) {
    pending = { body: body, madeAt: madeAt, offline: offline };
    $("choices").textContent = "";
    for (const account of accounts) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "account";
      button.dataset.account = account.accountNr;
      button.textContent = account.accountNr + " " + account.name;
      button.addEventListener("click", () => choose(account.accountNr));
      $("choices").appendChild(button);
    }
    $("punch").hidden = true;
    $("choice").hidden = false;
    show(name ? say.textChoose.replace("{name}", name) : say.textChooseOffline, "choose", CHOICE_MS);
    const first = $("choices").querySelector("button");
    if (first) first.focus();
  }
  async function choose(accountNr) {
    if (!pending) return;
    const { body, madeAt, offline } = pending;
    hideChoice();
    body.AccountNr = accountNr;
    if (offline) { await queue(body, madeAt); return; }
    await send(body, madeAt);
  }
  async function send(body, madeAt) {
    try {
      const answer = await post(body);
      if (answer.status === 200 && answer.json.chooseAccount) {
        offerChoice(body, answer.json.name, answer.json.accounts, madeAt, false);
      } else if (answer.status === 200) {
        lastTap = { who: body.EmployeeNr || body.Badge, at: madeAt };
        const account = answer.json.accountNr ? " (" + answer.json.accountNr + ")" : "";
        const action = actions[answer.json.action] || answer.json.action;
        show(answer.json.name + ": " + action + " " + answer.json.time + account, "ok");
      } else if (answer.json.refused) {
        show(answer.json.refused === "badge" ? say.textRefusedBadge : say.textRefusedNumber, "refused");
      } else {
        show(answer.json.errorMessage || say.textRefused, "refused");
      }
    } catch (e) {
      lastTap = { who: body.EmployeeNr || body.Badge, at: madeAt };
      if (cachedAccounts && cachedAccounts.length && !body.AccountNr) {
        offerChoice(body, "", cachedAccounts, madeAt, true);
      } else {
        await queue(body, madeAt);
      }
    }
  }
  function punch(value, pin, badge) {
    const now = Date.now();
    if (value === lastTap.who && now - lastTap.at < BOUNCE_MS) return;  // a double tap
    const body = badge ? { Badge: value } : { EmployeeNr: value };
    if (pin) body.Pin = pin;
    send(body, now);
  }
  function looksSwiped() {
    const value = $("nr").value.trim();
    const took = Date.now() - typing.first;
    return value.length >= BADGE_MIN_LENGTH && typing.count >= value.length &&
      took <= BADGE_MS_PER_KEY * value.length;
  }
  $("punch").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = $("nr").value.trim(), pin = $("pin").value, badge = swiped;
    $("nr").value = ""; $("pin").value = ""; swiped = false; typing = { first: 0, count: 0 };
    if (value) punch(value, pin, badge);
    $("nr").focus();
  });
  $("nr").addEventListener("keydown", (event) => {
    if (event.key !== "Enter") {
      if (!$("nr").value) typing = { first: Date.now(), count: 0 };
      typing.count += 1;
      return;
    }
    if ($("pin").value) return;
    event.preventDefault();
    swiped = looksSwiped();
    if (swiped && badgeOnly) { $("punch").requestSubmit(); return; }
    $("pin").focus();
  });
  $("cancel-choice").addEventListener("click", idle);
  setInterval(drain, RETRY_MS);
  showWaiting();
  $("nr").focus();
})();
