/* Reading aids: font size and high-contrast (elder) mode, remembered across pages.
   Loaded in <head> so the saved preference applies before the page paints. */
(function () {
  "use strict";
  var root = document.documentElement;
  var SIZE_KEY = "hp-font-size", CONTRAST_KEY = "hp-contrast", MAX_SIZE = 3;

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: this page only */ }
  }
  function size() {
    var value = parseInt(root.getAttribute("data-hp-font-size") || "0", 10);
    return isNaN(value) ? 0 : value;
  }
  function applySize(value) {
    value = Math.max(0, Math.min(MAX_SIZE, value));
    root.setAttribute("data-hp-font-size", String(value));
    write(SIZE_KEY, String(value));
    sync();
  }
  function applyContrast(on) {
    if (on) { root.setAttribute("data-hp-contrast", "on"); } else { root.removeAttribute("data-hp-contrast"); }
    write(CONTRAST_KEY, on ? "on" : "off");
    sync();
  }
  function sync() {
    var larger = document.getElementById("hp-font-larger");
    var smaller = document.getElementById("hp-font-smaller");
    var contrast = document.getElementById("hp-contrast-toggle");
    if (larger) { larger.disabled = size() >= MAX_SIZE; }
    if (smaller) { smaller.disabled = size() <= 0; }
    if (contrast) { contrast.setAttribute("aria-pressed", root.getAttribute("data-hp-contrast") === "on" ? "true" : "false"); }
  }

  var saved = parseInt(read(SIZE_KEY) || "0", 10);
  root.setAttribute("data-hp-font-size", String(isNaN(saved) ? 0 : Math.max(0, Math.min(MAX_SIZE, saved))));
  if (read(CONTRAST_KEY) === "on") { root.setAttribute("data-hp-contrast", "on"); }

  document.addEventListener("DOMContentLoaded", function () {
    var larger = document.getElementById("hp-font-larger");
    var smaller = document.getElementById("hp-font-smaller");
    var contrast = document.getElementById("hp-contrast-toggle");
    if (larger) { larger.addEventListener("click", function () { applySize(size() + 1); }); }
    if (smaller) { smaller.addEventListener("click", function () { applySize(size() - 1); }); }
    if (contrast) { contrast.addEventListener("click", function () { applyContrast(root.getAttribute("data-hp-contrast") !== "on"); }); }
    sync();
  });
}());
