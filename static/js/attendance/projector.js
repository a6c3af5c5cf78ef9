// Projector: show the current signed QR, the typed code and the live count. The server
// decides when the code changes; we only ask often enough to follow it.
(() => {
  const side = document.getElementById("projector");
  if (!side) return;
  const img = document.getElementById("projector-qr");
  const code = document.getElementById("projector-code");
  const count = document.getElementById("projector-count");
  const bar = document.getElementById("projector-bar");
  const offline = document.getElementById("projector-offline");
  let left = 0;
  let total = 20;

  async function refresh() {
    try {
      const response = await fetch(side.dataset.stateUrl, { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      const state = await response.json();
      if (img.getAttribute("src") !== state.qr) {
        img.setAttribute("src", state.qr);
        img.dataset.url = state.url;
      }
      code.textContent = state.code.slice(0, 3) + " " + state.code.slice(3);
      count.textContent = String(state.count + state.guests);
      total = state.rotate_seconds;
      left = state.seconds_left;
      offline.hidden = true;
    } catch (e) {
      offline.hidden = false;
    }
  }
  function tick() {
    left = Math.max(0, left - 1);
    bar.style.width = `${Math.round((100 * left) / total)}%`;
  }
  const full = document.getElementById("projector-fullscreen");
  if (full && document.documentElement.requestFullscreen) {
    full.addEventListener("click", () => document.documentElement.requestFullscreen().catch(() => {}));
    document.addEventListener("fullscreenchange", () => { full.hidden = !!document.fullscreenElement; });
  } else if (full) {
    full.hidden = true;
  }
  refresh();
  setInterval(refresh, 3000);
  setInterval(tick, 1000);
})();
