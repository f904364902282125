/* Quick exit: forget what this browser kept of Onward, then leave without a history entry to come
   back to. The link alone (no JavaScript) still signs out and clears the site's data on the server's
   word (Clear-Site-Data); this only makes it faster and also covers browsers that ignore that header. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    const link = event.target.closest("a[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    try {
      Object.keys(localStorage).filter((k) => k.startsWith("onward.")).forEach((k) => localStorage.removeItem(k));
      sessionStorage.clear();
    } catch (e) { /* storage may be unavailable; the server's Clear-Site-Data still applies */ }
    if (window.caches) caches.keys().then((keys) => keys.forEach((k) => caches.delete(k))).catch(() => {});
    window.location.replace(link.href);
  });
})();
