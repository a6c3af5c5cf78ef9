// Live roster: re-fetch the lists every few seconds, without reloading the page.
(() => {
  const box = document.getElementById("live-lists");
  if (!box) return;
  const url = box.dataset.liveUrl;
  let busy = false;
  async function refresh() {
    // Do not replace the lists under a leader's finger mid-tap.
    if (busy || document.hidden || box.contains(document.activeElement) && document.activeElement.tagName === "BUTTON") return;
    busy = true;
    try {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
      if (response.ok) box.innerHTML = await response.text();
    } catch (e) {
      // Offline for a moment: keep what is shown.
    } finally {
      busy = false;
    }
  }
  setInterval(refresh, 4000);
})();
