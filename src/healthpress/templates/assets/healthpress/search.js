/* Site search on /search/?q=…: asks Pagefind (static, loaded in pieces) and lists the results. */
(function () {
  "use strict";
  var script = document.currentScript;
  var pagefindUrl = new URL(script.getAttribute("data-pagefind"), location.href).href;
  var siteRoot = new URL(script.getAttribute("data-site-root"), location.href).pathname;
  var LIMIT = 10;

  function highlighted(excerpt) {
    /* Pagefind's excerpt is escaped text with <mark> around the hits: keep only text and <mark>. */
    var source = document.createElement("template");
    source.innerHTML = excerpt;
    var out = document.createDocumentFragment();
    source.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function render(list, data) {
    var item = document.createElement("li");
    item.className = "hp-search-result";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    item.appendChild(link);
    if (data.meta && data.meta.date) {
      var date = document.createElement("span");
      date.className = "hp-list__date";
      date.textContent = " " + data.meta.date;
      item.appendChild(date);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "hp-search-result__excerpt";
    excerpt.appendChild(highlighted(data.excerpt || ""));
    item.appendChild(excerpt);
    list.appendChild(item);
  }

  async function segmentsLikeTheIndex() {
    /* Pagefind 1.6+ splits Chinese the same way in the index and in the browser; with 1.5 an
       exact-phrase search misses real hits, so the filter is only applied from 1.6 on. */
    try {
      var entry = await (await fetch(new URL("pagefind-entry.json", pagefindUrl))).json();
      var parts = String(entry.version || "0.0").split(".").map(Number);
      return parts[0] > 1 || (parts[0] === 1 && parts[1] >= 6);
    } catch (error) {
      return false;
    }
  }

  async function run() {
    var query = (new URLSearchParams(location.search).get("q") || "").trim();
    var input = document.getElementById("hp-search-page-input");
    var status = document.querySelector(".hp-search-status");
    var list = document.querySelector(".hp-search-results");
    if (input) { input.value = query; }
    var header = document.getElementById("hp-search-input");
    if (header) { header.value = query; }
    if (!query) { status.textContent = "请输入要搜索的词语，如“医改”“健康周刊”“12320”。"; return; }
    status.textContent = "正在搜索“" + query + "”……";
    try {
      var pagefind = await import(pagefindUrl);
      await pagefind.options({ baseUrl: siteRoot, excerptLength: 40 });
      var search = await pagefind.search(query);
      var ranked = search.results;
      if (await segmentsLikeTheIndex() && /\p{Script=Han}/u.test(query) && !/[\s"]/.test(query)) {
        /* Chinese: keep the ranked pages that contain the query as typed (an exact-phrase search). */
        var exact = await pagefind.search('"' + query + '"');
        var ids = new Set(exact.results.map(function (r) { return r.id; }));
        ranked = ranked.filter(function (r) { return ids.has(r.id); });
      }
      var results = await Promise.all(ranked.slice(0, LIMIT).map(function (r) { return r.data(); }));
      list.textContent = "";
      results.forEach(function (data) { render(list, data); });
      status.textContent = ranked.length
        ? "找到 " + ranked.length + " 篇与“" + query + "”有关的文章" + (ranked.length > LIMIT ? "，显示前 " + LIMIT + " 篇。" : "。")
        : "没有找到与“" + query + "”有关的文章。换个词试试，或按归档、标签查找。";
    } catch (error) {
      status.textContent = "搜索暂时不可用，请稍后再试，或按归档、标签查找。";
    }
  }

  run();
}());
