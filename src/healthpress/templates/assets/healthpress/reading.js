/* Reading aids: font size, high contrast and 长者模式 (large text and cursor), remembered across pages;
   语音阅读 of an article with the browser's own speech synthesis.
   Loaded in <head> so the saved preferences apply before the page paints. */
(function () {
  "use strict";
  var root = document.documentElement;
  var SIZE_KEY = "hp-font-size", CONTRAST_KEY = "hp-contrast", ELDER_KEY = "hp-elder", MAX_SIZE = 3;
  var CHUNK = 80; /* characters an utterance holds at most: some engines cut a long one off (about 15 s) */

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: this page only */ }
  }
  function byId(id) { return document.getElementById(id); }
  function size() {
    var value = parseInt(root.getAttribute("data-hp-font-size") || "0", 10);
    return isNaN(value) ? 0 : value;
  }
  function isOn(name) { return root.getAttribute("data-hp-" + name) === "on"; }
  function applySize(value) {
    value = Math.max(0, Math.min(MAX_SIZE, value));
    root.setAttribute("data-hp-font-size", String(value));
    write(SIZE_KEY, String(value));
    sync();
  }
  function applySwitch(name, key, on) {
    if (on) { root.setAttribute("data-hp-" + name, "on"); } else { root.removeAttribute("data-hp-" + name); }
    write(key, on ? "on" : "off");
    sync();
  }
  /* A button at its limit stays focusable (aria-disabled, not disabled): the keyboard keeps its place. */
  function limit(button, reached) {
    if (button) { button.setAttribute("aria-disabled", reached ? "true" : "false"); }
  }
  function pressed(button, on) {
    if (button) { button.setAttribute("aria-pressed", on ? "true" : "false"); }
  }
  function sync() {
    limit(byId("hp-font-larger"), size() >= MAX_SIZE);
    limit(byId("hp-font-smaller"), size() <= 0);
    pressed(byId("hp-contrast-toggle"), isOn("contrast"));
    pressed(byId("hp-elder-toggle"), isOn("elder"));
    if (document.readyState === "complete") { scrollableTables(); }
  }

  var saved = parseInt(read(SIZE_KEY) || "0", 10);
  root.setAttribute("data-hp-font-size", String(isNaN(saved) ? 0 : Math.max(0, Math.min(MAX_SIZE, saved))));
  if (read(CONTRAST_KEY) === "on") { root.setAttribute("data-hp-contrast", "on"); }
  if (read(ELDER_KEY) === "on") { root.setAttribute("data-hp-elder", "on"); }

  /* ---- 语音阅读 ---- */

  /* The text cut into pieces an engine reads whole: paragraphs, long ones at sentence ends, then at commas. */
  function chunks(text) {
    var pieces = [];
    text.split(/\n+/).forEach(function (paragraph) {
      paragraph = paragraph.replace(/\s+/g, " ").trim();
      if (!paragraph) { return; }
      var current = "";
      (paragraph.match(/[^。！？；!?;]+[。！？；!?;”’」』）)]*|[。！？；!?;]+/g) || [paragraph]).forEach(function (sentence) {
        var parts = sentence.length > CHUNK ? (sentence.match(/[^，、：,:]+[，、：,:]*|[，、：,:]+/g) || [sentence]) : [sentence];
        parts.forEach(function (part) {
          while (part.length > CHUNK) { pieces.push(part.slice(0, CHUNK)); part = part.slice(CHUNK); }
          if (current && (current + part).length > CHUNK) { pieces.push(current); current = ""; }
          current += part;
        });
      });
      if (current.trim()) { pieces.push(current.trim()); }
    });
    return pieces;
  }
  function chineseVoice(synth) {
    var voices = synth.getVoices ? synth.getVoices() || [] : [];
    var lang = function (voice) { return String(voice.lang || "").replace("_", "-").toLowerCase(); };
    return voices.filter(function (v) { return lang(v) === "zh-cn"; })[0] ||
      voices.filter(function (v) { return /^(zh-hans|cmn)/.test(lang(v)); })[0] ||
      voices.filter(function (v) { return /^zh\b/.test(lang(v)); })[0] || null;
  }
  /* What is read of an element: its text as shown, each picture's alternative text where the picture is
     (as a screen reader says it), for a listener who cannot see the picture either. */
  function spokenText(element) {
    if (!element) { return ""; }
    var notes = [], images = element.querySelectorAll("img[alt]");
    for (var i = 0; i < images.length; i++) {
      var alt = images[i].getAttribute("alt").replace(/\s+/g, " ").trim();
      if (!alt) { continue; }
      var note = document.createElement("span");
      note.className = "hp-visually-hidden";
      note.textContent = "（图片：" + alt + "）";
      images[i].parentNode.insertBefore(note, images[i].nextSibling);
      notes.push(note);
    }
    try { return element.innerText; } finally {
      notes.forEach(function (n) { n.parentNode.removeChild(n); });
    }
  }
  function setUpSpeech(button) {
    var synth = window.speechSynthesis;
    /* "in", not typeof: old Safari gives its constructors the type "object" */
    if (!button || !synth || !("SpeechSynthesisUtterance" in window)) { return; }
    var label = button.querySelector(".hp-speech__label");
    var queue = [], reading = false, current = null;
    /* the button says what it does next (语音阅读 / 停止朗读); no aria-pressed besides: a screen reader
       would say "停止朗读, pressed", a name and a state that contradict each other */
    function show(on) {
      reading = on;
      button.className = on ? "hp-speech hp-speech--on" : "hp-speech";
      if (label) { label.textContent = on ? "停止朗读" : "语音阅读"; }
    }
    function next() {
      if (!reading) { return; }
      if (!queue.length) { show(false); return; }
      var utterance = current = new window.SpeechSynthesisUtterance(queue.shift());
      utterance.lang = "zh-CN";
      var voice = chineseVoice(synth);
      if (voice) { utterance.voice = voice; }
      /* events of an utterance a stop cancelled arrive late: only the current one's count */
      utterance.onend = function () { if (utterance === current) { next(); } };
      utterance.onerror = function () { if (utterance === current) { stop(); } };
      synth.speak(utterance);
    }
    function stop() {
      queue = [];
      current = null;
      if (reading) { show(false); synth.cancel(); }
    }
    button.addEventListener("click", function () {
      if (reading) { stop(); return; }
      var title = byId("hp-article-title"), body = byId("hp-article-text");
      queue = chunks([title ? title.innerText : "", spokenText(body)].join("\n"));
      synth.cancel(); /* whatever another tab or page left speaking */
      show(true);
      next();
    });
    window.addEventListener("pagehide", stop);
    button.hidden = false;
  }

  /* The phone's menu (material's drawer, opened by a label for a hidden checkbox): the label takes the
     keyboard focus and opens or closes it with Enter or Space, saying whether it is open. */
  function setUpMenu(menu, drawer) {
    if (!menu || !drawer) { return; }
    /* The script makes material's label a button: it takes the focus, Enter and Space open it, and its state is
       said. Without the script it stays a plain label (HTML allows no role on a label for a checkbox). */
    menu.setAttribute("tabindex", "0");
    menu.setAttribute("role", "button");
    var state = function () { menu.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); };
    drawer.addEventListener("change", state);
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        event.stopPropagation(); /* material's own Enter on a label would click it a second time */
        drawer.click(); /* as a tap on the label: material's handlers and the change event follow */
      }
    });
    state();
  }

  /* A table wider than the screen (large text, a phone) scrolls sideways in its own box: material's wrapper of
     a Markdown table, which the keyboard could not reach to scroll. Such a box takes the focus, and a screen
     reader hears what it is; a table that fits stays out of the way of Tab. Run again when the text size changes. */
  function scrollableTables() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i], wide = box.scrollWidth > box.clientWidth + 1;
      if (wide && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "表格（可左右滚动）");
        box.setAttribute("data-hp-scroll", "");
      } else if (!wide && box.hasAttribute("data-hp-scroll")) {
        ["tabindex", "role", "aria-label", "data-hp-scroll"].forEach(function (name) { box.removeAttribute(name); });
      }
    }
  }
  window.addEventListener("load", scrollableTables);
  window.addEventListener("resize", scrollableTables);

  document.addEventListener("DOMContentLoaded", function () {
    var larger = byId("hp-font-larger"), smaller = byId("hp-font-smaller");
    var contrast = byId("hp-contrast-toggle"), elder = byId("hp-elder-toggle");
    if (larger) { larger.addEventListener("click", function () { applySize(size() + 1); }); }
    if (smaller) { smaller.addEventListener("click", function () { applySize(size() - 1); }); }
    if (contrast) { contrast.addEventListener("click", function () { applySwitch("contrast", CONTRAST_KEY, !isOn("contrast")); }); }
    if (elder) { elder.addEventListener("click", function () { applySwitch("elder", ELDER_KEY, !isOn("elder")); }); }
    setUpSpeech(byId("hp-speech"));
    setUpMenu(byId("hp-menu"), byId("__drawer"));
    sync();
  });
}());
