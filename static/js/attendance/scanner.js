// Leader scanner: read member-card QR codes from the camera (jsQR), send each scan with
// a nonce; without a connection keep it in localStorage and send it later. The queue
// holds only what the server needs (card secret, nonce, scan time): no names.
(() => {
  const root = document.getElementById("scanner");
  if (!root) return;
  const sessionId = Number(root.dataset.session);
  const QUEUE_KEY = `lalanh.scanq.${sessionId}`;
  const status = document.getElementById("scanner-status");
  const nameEl = document.getElementById("scanner-name");
  const messageEl = document.getElementById("scanner-message");
  const countEl = document.getElementById("scanner-count");
  const queueBadge = document.getElementById("scanner-queue");
  const queueCount = document.getElementById("scanner-queue-count");
  const video = document.getElementById("scanner-video");
  const csrf = (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  const CARD_RE = /\/checkin\/card\/([A-Za-z0-9_-]{16,64})\/?$/;
  const recent = new Map(); // secret -> time, to ignore the same card held in view

  function loadQueue() {
    try { return JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]"); } catch (e) { return []; }
  }
  function saveQueue(queue) {
    localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
    queueCount.textContent = String(queue.length);
    queueBadge.dataset.waiting = String(queue.length);
    queueBadge.classList.toggle("offline", queue.length > 0);
  }
  function newNonce() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  function show(outcome, name, message) {
    status.className = `scanner-status ${outcome}`;
    status.dataset.outcome = outcome;
    nameEl.textContent = name || "";
    messageEl.textContent = message || "";
    if (navigator.vibrate && outcome === "refused") navigator.vibrate([80, 60, 80]);
  }
  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
    });
    if (response.status >= 500 || response.status === 429 || response.status === 401) {
      throw new Error(String(response.status));
    }
    return response.json();
  }

  let syncing = false;
  async function sync() {
    if (syncing) return;
    const queue = loadQueue();
    if (!queue.length) return;
    syncing = true;
    try {
      const batch = queue.slice(0, 200);
      const answer = await post(root.dataset.batchUrl, { items: batch });
      // Every item got an answer (ok, duplicate or refused): drop exactly those.
      const done = new Set((answer.results || []).map((r) => r.nonce));
      saveQueue(loadQueue().filter((item) => !done.has(item.nonce)));
      if (answer.count) countEl.textContent = String(answer.count);
      const last = (answer.results || []).slice(-1)[0];
      if (last) show(last.outcome, last.pupil_name, last.message);
    } catch (e) {
      // Still offline: try again later.
    } finally {
      syncing = false;
    }
  }

  async function record(secret) {
    const item = { session_id: sessionId, card: secret, nonce: newNonce(), scanned_at: new Date().toISOString() };
    // Saved before sending: a scan survives a crash, a reload or a lost answer.
    saveQueue([...loadQueue(), item]);
    if (loadQueue().length > 1) { // older scans wait: send them all, in order
      show("queued", "", root.dataset.msgQueued);
      return sync();
    }
    try {
      const answer = await post(root.dataset.checkinUrl, item);
      saveQueue(loadQueue().filter((q) => q.nonce !== item.nonce));
      show(answer.outcome || "refused", answer.pupil_name, answer.message || answer.detail);
      refreshCount();
    } catch (e) {
      show("queued", "", root.dataset.msgQueued);
    }
  }

  async function refreshCount() {
    try {
      const response = await fetch(root.dataset.liveUrl, { credentials: "same-origin", cache: "no-store" });
      if (response.ok) countEl.textContent = String((await response.json()).counts.in);
    } catch (e) { /* offline */ }
  }

  function onDecoded(text) {
    const match = CARD_RE.exec(text.trim());
    const secret = match ? match[1] : text.trim();
    const now = Date.now();
    if (recent.has(secret) && now - recent.get(secret) < 4000) return;
    recent.set(secret, now);
    record(secret);
  }

  async function startCamera() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      show("refused", "", root.dataset.msgNocamera);
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch (e) {
      show("refused", "", root.dataset.msgNocamera);
      return;
    }
    video.srcObject = stream;
    await video.play().catch(() => {});
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });
    function frame() {
      if (video.readyState >= 2 && video.videoWidth) {
        // Decode a reduced frame: fast enough on older phones, cards fill the view.
        const scale = Math.min(1, 640 / video.videoWidth);
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
        if (code && code.data) onDecoded(code.data);
      }
      setTimeout(() => requestAnimationFrame(frame), 120);
    }
    requestAnimationFrame(frame);
  }

  saveQueue(loadQueue());
  window.addEventListener("online", sync);
  setInterval(sync, 8000);
  setInterval(refreshCount, 15000);
  refreshCount();
  sync();
  startCamera();
  // For tests and for a leader typing a card number by hand later on.
  root.lalanhScan = onDecoded;
})();
