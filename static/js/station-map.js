// Station maps (Leaflet with leaflet.markercluster). An enhancement: the map follows a list that
// carries the same stations with their addresses and links. Data comes from a
// <script type="application/json"> element; coordinates are already in the tile provider's datum
// (converted on the server), so nothing is converted here, and the control texts are translated
// on the server (static files are not).
(function () {
  "use strict";
  if (!window.L || !L.markerClusterGroup) {
    return;
  }

  // Names and addresses are edited by liaisons: DOM nodes with textContent, never HTML.
  function popupFor(point) {
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    popup.appendChild(link);
    var address = document.createElement("p");
    address.textContent = point.address;
    popup.appendChild(address);
    return popup;
  }

  // A cluster shows its count large; its accessible name and tooltip say what it is.
  function clusterIcon(text) {
    return function (group) {
      var count = String(group.getChildCount());
      var icon = document.createElement("span");
      var number = document.createElement("span");
      number.setAttribute("aria-hidden", "true");
      number.textContent = count;
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = text.cluster.replace("{count}", count);
      icon.title = name.textContent;
      icon.appendChild(number);
      icon.appendChild(name);
      return L.divIcon({ html: icon, className: "station-cluster", iconSize: L.point(44, 44) });
    };
  }

  document.querySelectorAll("[data-station-map]").forEach(function (element) {
    var source = document.getElementById(element.getAttribute("data-station-map"));
    if (!source) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var config = data.config;
    var text = config.text;
    if (!data.points || !data.points.length) {
      return;
    }
    var figure = element.closest("[data-station-map-figure]");
    figure.hidden = false;
    figure.parentElement.classList.add("with-map--shown"); // beside its list, if in a .with-map
    var map = L.map(element, {
      scrollWheelZoom: false,
      zoomControl: false,
      attributionControl: false,
      maxZoom: config.maxZoom,
    });
    L.control.zoom({ zoomInTitle: text.zoomIn, zoomOutTitle: text.zoomOut }).addTo(map);
    L.control.attribution({ prefix: text.prefix }).addTo(map);
    // The base layer, then (Tianditu) its labels layer over it; none: positions only.
    [config.tileUrl, config.labelUrl].forEach(function (url, index) {
      if (url) {
        L.tileLayer(url, {
          attribution: index === 0 ? config.attribution : "",
          subdomains: config.subdomains,
          maxZoom: config.maxZoom,
        }).addTo(map);
      }
    });
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", text.close);
        close.title = text.close;
      }
    });

    var bounds = data.points.map(function (point) {
      return [point.lat, point.lng];
    });
    var origin = null;
    if (data.origin) {
      // Leaflet takes a string as HTML: the label (a community or street name, edited in the
      // admin) goes in as text.
      var label = document.createElement("span");
      label.textContent = data.origin.label;
      origin = L.circleMarker([data.origin.lat, data.origin.lng], {
        radius: 9,
        color: "#a3000b",
        fillColor: "#ffd54a",
        fillOpacity: 0.9,
      }).bindTooltip(label);
      bounds.push([data.origin.lat, data.origin.lng]);
    }
    // The view first: the cluster group needs a zoom level when it is added.
    if (bounds.length === 1) {
      map.setView(bounds[0], Math.min(15, config.maxZoom));
    } else {
      map.fitBounds(bounds, { padding: [24, 24] });
    }
    if (origin) {
      origin.addTo(map);
    }
    // Stations that overlap at this zoom form a cluster; a click zooms in to them, and where
    // they stay together even at the closest zoom they spread out, each with its own popup.
    var clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 48,
      iconCreateFunction: clusterIcon(text),
    });
    data.points.forEach(function (point) {
      var popup = popupFor(point);
      clusters.addLayer(
        L.marker([point.lat, point.lng], { title: point.name, alt: point.name }).bindPopup(popup)
      );
    });
    map.addLayer(clusters);
  });
})();
