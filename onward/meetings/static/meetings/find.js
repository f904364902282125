// Progressive enhancement for the meeting finder: the form works without it.
// Sends the browser's time zone (formats.md §5 T6) and, on request, the device's location (never typed).
(function () {
  "use strict";
  var tz = document.querySelector('input[name="tz"]');
  if (tz && !tz.value && window.Intl) {
    tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  }
  var lat = document.getElementById("id_lat");
  var lon = document.getElementById("id_lon");
  var forget = document.getElementById("forget-location");
  if (forget) {
    forget.addEventListener("click", function () {
      lat.value = "";
      lon.value = "";
      forget.form.submit();
    });
  }
  var button = document.getElementById("use-location");
  var status = document.getElementById("location-status");
  if (!button || !navigator.geolocation) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "Finding your location…";
    navigator.geolocation.getCurrentPosition(function (position) {
      lat.value = position.coords.latitude.toFixed(5);
      lon.value = position.coords.longitude.toFixed(5);
      var town = document.getElementById("id_town");
      if (town) { town.value = ""; }
      status.textContent = "Searching near your location…";
      button.form.submit();
    }, function () {
      status.textContent = "Your location is not available; pick a town instead.";
    }, { timeout: 10000 });
  });
})();
