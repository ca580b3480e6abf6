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
      var results = await Promise.all(search.results.slice(0, LIMIT).map(function (r) { return r.data(); }));
      list.textContent = "";
      results.forEach(function (data) { render(list, data); });
      status.textContent = search.results.length
        ? "找到 " + search.results.length + " 篇与“" + query + "”有关的文章" + (search.results.length > LIMIT ? "，显示前 " + LIMIT + " 篇。" : "。")
        : "没有找到与“" + query + "”有关的文章。换个词试试，或按归档、标签查找。";
    } catch (error) {
      status.textContent = "搜索暂时不可用，请稍后再试，或按归档、标签查找。";
    }
  }

  run();
}());
