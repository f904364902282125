// Progressive enhancement for the meeting finder: the form works without it.
// Sends the browser's time zone (formats.md §5 T6) and fills coordinates from the device's location.
(function () {
  "use strict";
  var tz = document.querySelector('input[name="tz"]');
  if (tz && !tz.value && window.Intl) {
    tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  }
  var button = document.getElementById("use-location");
  var status = document.getElementById("location-status");
  if (!button || !navigator.geolocation) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "Finding your location…";
    navigator.geolocation.getCurrentPosition(function (position) {
      document.getElementById("id_lat").value = position.coords.latitude.toFixed(5);
      document.getElementById("id_lon").value = position.coords.longitude.toFixed(5);
      status.textContent = "Location filled in. Press Search.";
    }, function () {
      status.textContent = "Your location is not available; type a town or coordinates instead.";
    }, { timeout: 10000 });
  });
})();
