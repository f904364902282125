/* The header's folded menus ("Get help now", the account): each is a <details> that works without
   JavaScript. This only tidies up: opening one closes the other, and Escape or a tap elsewhere closes
   them. */
(function () {
  "use strict";
  const menus = () => document.querySelectorAll("details[data-menu]");
  document.addEventListener("toggle", function (event) {
    const opened = event.target;
    if (!(opened instanceof HTMLDetailsElement) || !opened.open || !opened.hasAttribute("data-menu")) return;
    menus().forEach((menu) => { if (menu !== opened) menu.open = false; });
  }, true);
  document.addEventListener("click", function (event) {
    menus().forEach((menu) => { if (menu.open && !menu.contains(event.target)) menu.open = false; });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    menus().forEach((menu) => {
      if (!menu.open) return;
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  });
})();
