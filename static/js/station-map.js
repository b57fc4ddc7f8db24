// Station maps (Leaflet). An enhancement: every marker is also in the list next to the map.
// Data comes from a <script type="application/json"> element; coordinates are already in the
// tile provider's datum (converted on the server), so nothing is converted here.
(function () {
  "use strict";
  if (!window.L) {
    return;
  }
  document.querySelectorAll("[data-station-map]").forEach(function (element) {
    var source = document.getElementById(element.getAttribute("data-station-map"));
    if (!source) {
      return;
    }
    var data = JSON.parse(source.textContent);
    if (!data.points || !data.points.length || !data.config.tileUrl) {
      return;
    }
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(data.config.tileUrl, {
      attribution: data.config.attribution,
      subdomains: data.config.subdomains || "abc",
      maxZoom: 18,
    }).addTo(map);
    var bounds = [];
    data.points.forEach(function (point) {
      // Names and addresses are edited by liaisons: DOM nodes with textContent, never HTML.
      var marker = L.marker([point.lat, point.lng], { title: point.name, alt: point.name });
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.name;
      popup.appendChild(link);
      var address = document.createElement("p");
      address.textContent = point.address;
      popup.appendChild(address);
      marker.bindPopup(popup).addTo(map);
      bounds.push([point.lat, point.lng]);
    });
    if (data.origin) {
      // Leaflet takes a string as HTML: the label (a community or street name, edited in the
      // admin) goes in as text.
      var label = document.createElement("span");
      label.textContent = data.origin.label;
      L.circleMarker([data.origin.lat, data.origin.lng], {
        radius: 9,
        color: "#a3000b",
        fillColor: "#ffd54a",
        fillOpacity: 0.9,
      })
        .bindTooltip(label)
        .addTo(map);
      bounds.push([data.origin.lat, data.origin.lng]);
    }
    if (bounds.length === 1) {
      map.setView(bounds[0], 15);
    } else {
      map.fitBounds(bounds, { padding: [24, 24] });
    }
  });
})();
