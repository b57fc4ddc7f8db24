// Search suggestions: fills the <datalist> of any input with data-suggest-url from the JSON
// endpoint as the visitor types. Without JavaScript the form simply submits to /search/.
(function () {
  "use strict";
  var DELAY_MS = 200;
  document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || !window.fetch) {
      return;
    }
    var timer = null;
    var controller = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var q = input.value.trim();
      if (!q) {
        list.replaceChildren();
        return;
      }
      timer = window.setTimeout(function () {
        if (controller) {
          controller.abort();
        }
        controller = window.AbortController ? new AbortController() : null;
        var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(q);
        fetch(url, { signal: controller ? controller.signal : undefined, headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            var options = data.suggestions.map(function (item) {
              var option = document.createElement("option");
              option.value = item.text; // textContent/value only: never HTML from the server
              option.label = item.kind_label;
              return option;
            });
            list.replaceChildren.apply(list, options);
          })
          .catch(function () { /* offline or aborted: keep the plain search box */ });
      }, DELAY_MS);
    });
  });
})();
