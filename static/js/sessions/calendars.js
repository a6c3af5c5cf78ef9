// A copy button beside each calendar address (shown only where the page can copy).
(() => {
  document.querySelectorAll("[data-feed]").forEach((card) => {
    const input = card.querySelector("[data-feed-url]");
    const button = card.querySelector("[data-copy]");
    if (!input || !button) return;
    button.hidden = false;
    const label = button.textContent;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(input.value);
      } catch (e) { // No clipboard API (plain http): select it for the phone's own copy.
        input.select();
        document.execCommand("copy");
      }
      button.textContent = "✓";
      setTimeout(() => { button.textContent = label; }, 1500);
    });
  });
})();
