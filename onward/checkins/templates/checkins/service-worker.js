/* Onward's service worker: keeps the check-in page and its assets so the page opens offline.
   Only the check-in page is kept (no other record); the page itself keeps unsent check-ins. */
const CACHE = "onward-checkin-v1";
const ASSETS = [{% for a in assets %}"{{ a|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const CHECKIN_PAGE = /^\/people\/[0-9a-f-]{36}\/checkin\/$/;
const SIGN_OUT = "{{ sign_out|escapejs }}";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
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
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === SIGN_OUT) {
    event.waitUntil(caches.delete(CACHE));  // signing out leaves no copy of the page on the phone
    return;
  }
  if (request.method !== "GET") return;
  if (!CHECKIN_PAGE.test(url.pathname) && !ASSETS.includes(url.pathname)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && !response.redirected) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
        }
        return response;
      })
      .catch(() => caches.match(url.pathname).then((kept) => kept || Response.error()))
  );
});
