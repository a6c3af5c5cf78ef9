// A search box above a long list of checkboxes (the session's materials): typing hides
// the ones whose label does not match; accents optional ("ky nang" finds "Kỹ năng").
(() => {
  const fold = (text) => (text || "").replace(/[Đđ]/g, "d").normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  document.querySelectorAll("[data-searchable]").forEach((first) => {
    const box = first.closest("div[id^=div_id_]") || first.parentElement.parentElement;
    if (!box || box.dataset.searchReady) return;
    box.dataset.searchReady = "1";
    const options = Array.from(box.querySelectorAll(".form-check"));
    const input = document.createElement("input");
    input.type = "search";
    input.className = "form-control mb-2";
    input.placeholder = first.dataset.searchable;
    input.setAttribute("aria-label", input.placeholder);
    const list = options.length ? options[0].parentElement : null;
    if (!list) return;
    list.style.maxHeight = "16rem";
    list.style.overflowY = "auto";
    list.parentElement.insertBefore(input, list);
    input.addEventListener("input", () => {
      const q = fold(input.value.trim());
      options.forEach((option) => {
        option.hidden = q !== "" && !fold(option.textContent).includes(q);
      });
    });
  });
})();
