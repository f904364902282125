/* The check-in page, enhanced: offline, a check-in is kept on this phone (with the moment it was
   answered and its own id) and sent when the phone is back online; sending it twice records it once.
   Without JavaScript the form posts as usual. */
(function () {
  "use strict";
  const CACHE = "onward-checkin-v1";
  const form = document.querySelector("form[data-checkin]");
  if (!form) return;
  const status = document.getElementById("checkin-status");
  const storeKey = "onward.pending-checkins." + form.dataset.person;
  let sending = false;

  function pending() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "[]"); } catch (e) { return []; }
  }
  function keep(list) { localStorage.setItem(storeKey, JSON.stringify(list)); }
  function say(text) { status.textContent = text; }
  function showPending() {
    const n = pending().length;
    if (n) say(n === 1 ? "1 check-in is saved on this phone. It will be sent when you are back online."
                       : n + " check-ins are saved on this phone. They will be sent when you are back online.");
  }
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  async function flush() {
    if (sending || !navigator.onLine || !pending().length) return;
    sending = true;
    let sent = 0; let refused = 0;
    const left = [];
    for (const entry of pending()) {
      try {
        const response = await fetch(form.action, {
          method: "POST", body: new URLSearchParams(entry), credentials: "same-origin", redirect: "follow",
        });
        if (response.ok) sent += 1;
        else if (response.status === 422) refused += 1;  // too late (the program's late_checkin_hours) or not valid
        else left.push(entry);  // signed out, or the server is busy: try again later
      } catch (e) {
        left.push(entry);
      }
    }
    keep(left);
    sending = false;
    if (left.length) showPending();
    else if (refused) say("A saved check-in could not be accepted (it may be " + (form.dataset.lateHours ? "more than " + form.dataset.lateHours + " hours old" : "too old") + "). Please check in again.");
    else if (sent) say("Your saved check-in was sent. Thank you.");
    form.dataset.pending = String(left.length);
  }

  form.addEventListener("submit", (event) => {
    form.elements.captured_at.value = new Date().toISOString();
    form.elements.client_key.value = newKey();
    if (navigator.onLine) return;  // the ordinary post
    event.preventDefault();
    const list = pending();
    list.push(Array.from(new FormData(form).entries()).map(([k, v]) => [k, String(v)]));
    keep(list);
    form.dataset.pending = String(list.length);
    showPending();
    window.scrollTo(0, 0);
  });

  window.addEventListener("online", flush);
  showPending();
  form.dataset.pending = String(pending().length);
  flush();

  if ("serviceWorker" in navigator && window.caches) {
    navigator.serviceWorker.register("/service-worker.js", { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then(() => caches.open(CACHE))
      .then((cache) => (navigator.onLine ? cache.add(location.pathname) : null))
      .then(() => { form.dataset.offlineReady = "true"; })
      .catch(() => { /* no offline copy: the page still works online */ });
  }
})();
