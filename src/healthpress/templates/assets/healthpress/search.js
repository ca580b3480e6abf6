/* Site search on /search/?q=…: asks Pagefind (static, loaded in pieces) and lists the results. */
(function () {
  "use strict";
  var script = document.currentScript;
  var manifestUrl = new URL(script.getAttribute("data-pagefind-shards"), location.href).href;
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

  /* The index is sharded by date (at most 500 articles a shard, so the build's memory stays bounded):
     pagefind/shards.json lists the shards, newest first. The newest FIRST_SHARDS answer first; the
     older ones are merged in afterwards and the list is redrawn. A shard with a few edited articles
     comes with a patch bundle of those articles and lists the results of its own bundle that the
     patch supersedes ([page id, address]): those are dropped. */
  var bundleRoot = new URL("./", manifestUrl).href;
  var OPTIONS = { baseUrl: siteRoot, excerptLength: 40 };
  var FIRST_SHARDS = 4;

  function pathOf(url) { return new URL(url, location.href).pathname; }

  async function loadManifest() {
    var response = await fetch(manifestUrl, { cache: "no-cache" });
    if (!response.ok) { throw new Error("no search index"); }
    var manifest = await response.json();
    var superseded = new Map();
    var shards = manifest.shards.map(function (shard) {
      (shard.superseded || []).forEach(function (pair) {
        if (!superseded.has(pair[0])) { superseded.set(pair[0], new Set()); }
        superseded.get(pair[0]).add(pathOf(siteRoot + pair[1].replace(/^\//, "")));
      });
      /* absolute and ending in "/": mergeIndex skips an address that is a prefix of the primary's */
      return [shard.bundle].concat(shard.patch ? [shard.patch] : [])
        .map(function (bundle) { return new URL(bundle, bundleRoot).href; });
    });
    return { version: String(manifest.pagefind_version || "0.0"), shards: shards, superseded: superseded };
  }

  async function settle(ranked, superseded) {
    /* Without the results a patch supersedes, and each page once: an id seen more than once (ids are
       short per-bundle hashes; a patched page whose text came out the same is in two bundles) or one
       a patch supersedes is settled by its address. */
    var seen = new Map();
    ranked.forEach(function (r) { seen.set(r.id, (seen.get(r.id) || 0) + 1); });
    var doubtful = ranked.filter(function (r) { return seen.get(r.id) > 1 || superseded.has(r.id); });
    var urls = new Map();
    await Promise.all(doubtful.map(async function (r) { urls.set(r, pathOf((await r.data()).url)); }));
    var kept = [], placed = new Set();
    ranked.forEach(function (r) {
      if (!urls.has(r)) { kept.push(r); return; }
      var url = urls.get(r), key = r.id + " " + url;
      if ((superseded.get(r.id) || new Set()).has(url) || placed.has(key)) { return; }
      placed.add(key);
      kept.push(r);
    });
    return kept;
  }

  function segmentsLikeTheIndex(version) {
    /* Pagefind 1.6+ splits Chinese the same way in the index and in the browser; with 1.5 an
       exact-phrase search misses real hits, so the filter is only applied from 1.6 on. */
    var parts = String(version).split(".").map(Number);
    return parts[0] > 1 || (parts[0] === 1 && parts[1] >= 6);
  }

  async function exactOnly(pagefind, query, ranked) {
    /* The ranked pages that contain the query as typed. Result ids are short per-shard hashes and
       can repeat across shards, so an id seen more than once is settled by comparing addresses. */
    var exact = (await pagefind.search('"' + query + '"')).results;
    var exactIds = new Set(exact.map(function (r) { return r.id; }));
    var seen = new Map();
    ranked.forEach(function (r) { seen.set(r.id, (seen.get(r.id) || 0) + 1); });
    var clashing = new Set(ranked.filter(function (r) { return seen.get(r.id) > 1 && exactIds.has(r.id); })
      .map(function (r) { return r.id; }));
    var exactUrls = new Set();
    if (clashing.size) {
      var datas = await Promise.all(exact.filter(function (r) { return clashing.has(r.id); })
        .map(function (r) { return r.data(); }));
      datas.forEach(function (d) { exactUrls.add(d.url); });
    }
    var kept = [];
    for (var i = 0; i < ranked.length; i++) {
      var r = ranked[i];
      if (!exactIds.has(r.id)) { continue; }
      if (clashing.has(r.id) && !exactUrls.has((await r.data()).url)) { continue; }
      kept.push(r);
    }
    return kept;
  }

  async function show(pagefind, manifest, query, exactFilter, more, list, status) {
    var ranked = await settle((await pagefind.search(query)).results, manifest.superseded);
    if (exactFilter) { ranked = await exactOnly(pagefind, query, ranked); }
    var results = await Promise.all(ranked.slice(0, LIMIT).map(function (r) { return r.data(); }));
    list.textContent = "";
    results.forEach(function (data) { render(list, data); });
    var found = ranked.length
      ? "找到 " + ranked.length + " 篇与“" + query + "”有关的文章" + (ranked.length > LIMIT ? "，显示前 " + LIMIT + " 篇。" : "。")
      : "没有找到与“" + query + "”有关的文章。";
    status.textContent = found + (more ? "正在检索更早的文章……" : (ranked.length ? "" : "换个词试试，或按归档、标签查找。"));
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
      var manifest = await loadManifest();
      if (!manifest.shards.length) {  /* a site with no published article yet: an index of nothing */
        status.textContent = "网站还没有发布文章，暂时没有可以搜索的内容。";
        return;
      }
      var exactFilter = segmentsLikeTheIndex(manifest.version) && /\p{Script=Han}/u.test(query) && !/[\s"]/.test(query);
      var first = manifest.shards.slice(0, FIRST_SHARDS).flat();
      var rest = manifest.shards.slice(FIRST_SHARDS).flat();
      var pagefind = await import(first[0] + "pagefind.js");
      await pagefind.options(OPTIONS);
      await Promise.all(first.slice(1).map(function (bundle) { return pagefind.mergeIndex(bundle, OPTIONS); }));
      await show(pagefind, manifest, query, exactFilter, rest.length > 0, list, status);
      if (rest.length) {
        await Promise.all(rest.map(function (bundle) { return pagefind.mergeIndex(bundle, OPTIONS); }));
        await show(pagefind, manifest, query, exactFilter, false, list, status);
      }
    } catch (error) {
      status.textContent = "搜索暂时不可用，请稍后再试，或按归档、标签查找。";
    }
  }

  run();
}());
