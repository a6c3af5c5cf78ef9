// Installs the site's service worker (served at /sw.js; see docs/attendance-offline.md).
if ("serviceWorker" in navigator && window.isSecureContext) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
}
