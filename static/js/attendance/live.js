// Live roster: ticks change the row and the counts in place (the forms still post without
// script); a tick without a connection waits in the phone's queue and is sent later; the
// lists are re-fetched only when they changed (ETag, 304) and never while the tab is
// hidden; the name filter ignores accents ("dang" finds Đặng).
(() => {
  const box = document.getElementById("live-lists");
  if (!box) return;
  const url = box.dataset.liveUrl;
  const pollMs = 1000 * Number(box.dataset.pollSeconds || 5);
  const statusEl = document.getElementById("roster-status");
  const filter = document.getElementById("roster-filter");
  const queueBadge = document.getElementById("roster-queue");
  const queueCount = document.getElementById("roster-queue-count");
  const csrf = () => (box.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  document.getElementById("roster-tools").hidden = false;

  const queue = window.LalanhQueue(`lalanh.tickq.${box.dataset.session}`, (n) => {
    queueCount.textContent = String(n);
    queueBadge.dataset.waiting = String(n);
    queueBadge.hidden = n === 0;
  });
  let etag = null;

  function say(text) { statusEl.textContent = text || ""; statusEl.hidden = !text; }

  function fold(text) {
    return (text || "").replace(/[Đđ]/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }
  function applyFilter() {
    const q = fold(filter.value);
    box.querySelectorAll("li[data-pupil]").forEach((li) => {
      // A class, not the hidden attribute: Bootstrap's d-flex on the row would win.
      li.classList.toggle("d-none", q !== "" && !(li.dataset.name || "").includes(q));
    });
  }
  function placeholders() {
    box.querySelectorAll("ul[data-list]").forEach((ul) => {
      const empty = ul.querySelector("[data-empty]");
      if (empty) empty.hidden = !!ul.querySelector("li[data-pupil]");
    });
  }
  // Ticks still in the queue show as waiting on their row.
  function markQueued() {
    const waiting = new Map(queue.load().map((item) => [String(item.pupil), item.status]));
    box.querySelectorAll("li[data-pupil]").forEach((li) => {
      const queued = waiting.get(li.dataset.pupil);
      li.classList.toggle("opacity-50", !!queued);
      if (queued) li.dataset.queued = queued; else delete li.dataset.queued;
    });
  }

  function apply(answer) {
    box.querySelectorAll(`li[data-pupil="${answer.pupil}"]`).forEach((li) => li.remove());
    if (answer.row) {
      const holder = document.createElement("template");
      holder.innerHTML = answer.row.trim();
      const list = box.querySelector(`ul[data-list="${answer.list}"]`);
      const before = (answer.before && list.querySelector(`li[data-pupil="${answer.before}"]`))
        || list.querySelector("[data-empty]");
      list.insertBefore(holder.content.firstElementChild, before);
    }
    Object.entries(answer.counts || {}).forEach(([name, value]) => {
      const el = box.querySelector(`[data-count="${name}"]`);
      if (el) el.textContent = String(value);
    });
    if (answer.etag) etag = answer.etag;
    placeholders();
    applyFilter();
    markQueued();
  }

  async function post(action, fields) {
    const body = new URLSearchParams(fields);
    const response = await fetch(action, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrf() },
      body,
    });
    if (window.LalanhQueue.retryable(response.status)) throw new Error(String(response.status));
    return response.json();
  }

  let syncing = false;
  async function sync() {
    if (syncing) return;
    syncing = true;
    try {
      for (const item of queue.load()) {
        const answer = await post(item.action, {
          pupil: item.pupil, status: item.status, nonce: item.nonce, ticked_at: item.ticked_at,
        });
        queue.drop([item.nonce]);
        if (answer.outcome === "ok") apply(answer); else markQueued();
        say(answer.message);
      }
    } catch (e) {
      say(box.dataset.msgQueued);
    } finally {
      syncing = false;
    }
  }

  box.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.matches("form[data-tick]")) return;
    event.preventDefault();
    const button = event.submitter;
    const status = button && button.name === "status" ? button.value : null;
    if (status) {
      const pupil = form.querySelector("input[name=pupil]").value;
      queue.add({ action: form.action, pupil, status, nonce: window.LalanhQueue.nonce(),
                  ticked_at: new Date().toISOString() });
      markQueued();
      return sync();
    }
    try { // An undo is never queued: it must see the row as it is now.
      const answer = await post(form.action, {});
      if (answer.outcome === "ok") apply(answer);
      say(answer.message);
    } catch (e) {
      say(box.dataset.msgOffline);
    }
  });

  filter.addEventListener("input", applyFilter);

  let timer = null;
  async function refresh() {
    // Do not replace the lists under a leader's finger mid-tap, nor while ticks wait.
    const tapping = box.contains(document.activeElement) && document.activeElement.tagName === "BUTTON";
    if (document.hidden || tapping || syncing) return;
    if (queue.load().length) { await sync(); return; } // the "online" event is not reliable
    try {
      const headers = etag ? { "If-None-Match": etag } : {};
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store", headers });
      if (response.status === 200) {
        etag = response.headers.get("ETag");
        box.innerHTML = await response.text();
        applyFilter();
      }
    } catch (e) {
      // Offline for a moment: keep what is shown.
    }
  }
  function schedule() {
    clearTimeout(timer);
    timer = document.hidden ? null : setTimeout(async () => { await refresh(); schedule(); }, pollMs);
  }
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) { sync(); refresh(); }
    schedule();
  });
  window.addEventListener("online", sync);
  queue.save(queue.load());
  markQueued();
  sync();
  refresh();
  schedule();
})();
