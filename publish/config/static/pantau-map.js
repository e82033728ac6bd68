// pantau's map controls: year and level switchers, the hover label, the SVG download link.
// The map itself is SVG drawn by pantau (/-/pantau/map.svg); this only swaps it for another
// year or level and labels the region under the pointer. Nothing is fetched from elsewhere.
(function () {
  "use strict";

  function mapUrl(box, inline) {
    var params = new URLSearchParams();
    var year = box.querySelector("select[name=year]");
    var level = box.querySelector("select[name=level]");
    if (year && year.value) params.set("year", year.value);
    if (level && level.value) params.set("level", level.value);
    if (box.dataset.province) params.set("province", box.dataset.province);
    if (inline) params.set("inline", "1");
    return "/-/pantau/map.svg?" + params.toString();
  }

  function refresh(box) {
    var canvas = box.querySelector(".pantau-map-canvas");
    // A quick second change must win over a slow first answer: only the latest request draws.
    var request = (box.pantauRequest = (box.pantauRequest || 0) + 1);
    box.setAttribute("aria-busy", "true");
    return fetch(mapUrl(box, true))
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.text();
      })
      .then(function (svg) {
        if (request !== box.pantauRequest) return;
        canvas.innerHTML = svg;
        var download = box.querySelector("a.pantau-map-download");
        if (download) download.href = mapUrl(box, false);
        box.removeAttribute("aria-busy");
      })
      .catch(function (error) {
        canvas.textContent = "Peta tidak dapat dimuat: " + error.message;
        box.removeAttribute("aria-busy");
      });
  }

  function hover(box) {
    var label = box.querySelector(".pantau-map-label");
    box.addEventListener("mousemove", function (event) {
      var region = event.target.closest && event.target.closest("path[data-code]");
      if (!region) {
        label.hidden = true;
        return;
      }
      var bounds = box.getBoundingClientRect();
      label.textContent = region.dataset.label;
      label.hidden = false;
      label.style.left = event.clientX - bounds.left + 12 + "px";
      label.style.top = event.clientY - bounds.top + 12 + "px";
    });
    box.addEventListener("mouseleave", function () {
      label.hidden = true;
    });
  }

  document.querySelectorAll("[data-pantau-map]").forEach(function (box) {
    box.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () {
        refresh(box);
      });
    });
    hover(box);
  });
})();
