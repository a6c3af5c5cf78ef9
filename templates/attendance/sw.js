{% load static %}// Lá Lành's service worker (attendance/pwa.py; docs/attendance-offline.md).
// It keeps the scanner's shell (its page and static files) so a leader who opened the
// scanner once can open it again with no signal, and an offline page for everything
// else. It never keeps an answer that names a pupil: no roster, no live lists, no API
// answers, no check-in results.
const CACHE = "lalanh-shell-{{ version }}";
const OFFLINE = "{% url 'checkin:offline' %}";
const SHELL = [
  OFFLINE,
  "{% static 'css/attendance/checkin.css' %}",
  "{% static 'vendor/jsqr/jsQR.js' %}",
  "{% static 'js/attendance/scanner.js' %}",
  "{% static 'js/attendance/queue.js' %}",
  "{% static 'js/sw-register.js' %}",
];
// The scanner page: its HTML holds the session's title and the form token, no pupil.
const SCANNER = /^(\/[a-z]{2})?\/attendance\/sessions\/\d+\/scanner\/$/;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (SCANNER.test(url.pathname)) {
      // Network first; the last scanner page seen when there is no connection.
      event.respondWith(
        fetch(request).then((response) => {
          if (response.ok && !response.redirected) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
          }
          return response;
        }).catch(() => caches.match(url.pathname).then((hit) => hit || caches.match(OFFLINE)))
      );
      return;
    }
    // Any other page (a pupil's check-in result, the roster): never kept; offline, the
    // "no connection, try again" page instead of the browser's error.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(request)));
  }
});
