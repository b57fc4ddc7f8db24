// Locator: offer "use my location" where the browser supports geolocation. The form works
// without this script (choose a community or street and submit). Its texts are translated in
// the template (data-text-* attributes).
(function () {
  "use strict";
  var form = document.querySelector("[data-locator-form]");
  if (!form || !("geolocation" in navigator)) {
    return;
  }
  var wrapper = form.querySelector("[data-geolocate]");
  var button = form.querySelector("[data-geolocate-button]");
  var status = form.querySelector("[data-geolocate-status]");
  wrapper.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = wrapper.dataset.textLocating;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(6);
        form.querySelector("[name=lng]").value = position.coords.longitude.toFixed(6);
        ["community", "street", "q"].forEach(function (name) {
          var field = form.querySelector("[name=" + name + "]");
          if (field) {
            field.value = "";
          }
        });
        status.textContent = wrapper.dataset.textLocated;
        form.submit();
      },
      function () {
        status.textContent = wrapper.dataset.textFailed;
      },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
    );
  });
  // A community choice replaces an earlier position.
  form.addEventListener("change", function (event) {
    if (event.target.name === "community" || event.target.name === "street") {
      form.querySelector("[name=lat]").value = "";
      form.querySelector("[name=lng]").value = "";
    }
  });
})();
