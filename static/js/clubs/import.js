// Roster import: show upload progress, then a "checking" state while the server reads the
// rows; on the preview, show progress while all rows are written. Without JavaScript the
// forms still submit normally.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("import-form");
  if (form) {
    const box = document.getElementById("import-progress");
    const bar = box.querySelector(".progress-bar");
    const status = document.getElementById("import-status");
    form.addEventListener("submit", (event) => {
      if (!window.XMLHttpRequest || !window.FormData) return;
      event.preventDefault();
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.setRequestHeader("Accept", "application/json");
      box.classList.remove("d-none");
      status.textContent = form.dataset.uploading;
      form.querySelector("button[type=submit]").disabled = true;
      xhr.upload.addEventListener("progress", (e) => {
        if (!e.lengthComputable) return;
        const pct = Math.round((e.loaded / e.total) * 100);
        bar.style.width = pct + "%";
        box.setAttribute("aria-valuenow", String(pct));
        if (pct >= 100) status.textContent = form.dataset.checking;
      });
      xhr.addEventListener("load", () => {
        let data = {};
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = {}; }
        if (data.redirect) { window.location.href = data.redirect; return; }
        box.classList.add("d-none");
        form.querySelector("button[type=submit]").disabled = false;
        status.textContent = data.error || form.dataset.failed;
        status.classList.add("text-danger");
      });
      xhr.addEventListener("error", () => {
        box.classList.add("d-none");
        form.querySelector("button[type=submit]").disabled = false;
        status.textContent = form.dataset.failed;
      });
      xhr.send(new FormData(form));
    });
  }
  const confirmForm = document.getElementById("confirm-form");
  if (confirmForm) {
    confirmForm.addEventListener("submit", (event) => {
      if (!event.submitter || event.submitter.name !== "confirm") return;
      const box = document.getElementById("confirm-progress");
      if (box) box.classList.remove("d-none");
      const status = document.getElementById("confirm-status");
      if (status) status.textContent = confirmForm.dataset.importing;
      // Disable after the submit has captured the button's name, so a double tap sends once.
      setTimeout(() => { event.submitter.disabled = true; }, 0);
    });
  }
});
