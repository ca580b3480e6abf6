/* Site search on /search/?q=…&page=N: asks Pagefind (static, loaded in pieces) and lists the results,
   ten a page, each with an excerpt of the article's text. */
(function () {
  "use strict";
  var script = document.currentScript;
  var manifestUrl = new URL(script.getAttribute("data-pagefind-shards"), location.href).href;
  var siteRoot = new URL(script.getAttribute("data-site-root"), location.href).pathname;
  var PAGE_SIZE = 10;
  var EXCERPT_CHARS = 90;  /* about two lines */
  var EXCERPT_LEAD = 36;  /* at most this many characters before the first hit */
  var TEXT_ANCHOR = "hp-article-text";  /* the id of an article's body (article.html) */
  var TAGS_ANCHOR = "hp-article-tags";  /* the id of an article's tags (article.html) */
  var BLOCK_BREAK = /^\.\s+$/;  /* what Pagefind puts between two blocks of text (heading, paragraph) */
  var SENTENCE_END = /[。！？；!?;…]\s*$|^\.\s+$/;
  var CLAUSE_END = /[，、：,:]\s*$/;

  function unescaped(word) { return word.replace(/&lt;/g, "<").replace(/&gt;/g, ">"); }

  function titleLength(words, title) {
    /* The words of the title the page's text starts with (the article's <h1>), 0 if it does not. */
    var wanted = String(title || "").replace(/\s+/g, ""), got = "", i = 0;
    while (i < words.length && got.length < wanted.length) { got += words[i].replace(/\s+/g, ""); i++; }
    return wanted && got === wanted ? i : 0;
  }

  function excerptStart(words, from, hit) {
    /* Where the excerpt around the hit starts: at its sentence's start when that is near, else at the
       farthest clause start that is, else at the hit itself; never inside a word. */
    var start = hit, chars = 0;
    for (var i = hit; i > from; i--) {
      var before = words[i - 1];
      if (SENTENCE_END.test(before)) { return i; }
      chars += before.length;
      if (chars > EXCERPT_LEAD) { return start; }
      if (CLAUSE_END.test(before)) { start = i; }
    }
    return from;
  }

  function excerpt(data) {
    /* The body text around the first hit, from a sentence or clause start, the hits marked. Pagefind's own
       excerpt is a window of words around the hits: it starts mid-word, often in the title, which it joins
       to the body with ". ". The article's title, column, unit and tags are left out (they are indexed,
       to be found). */
    var raw = data.raw_content || "";
    var zws = raw.indexOf("\u200B") >= 0, joiner = zws ? "" : " ";
    var words = (zws ? raw.split("\u200B") : raw.split(/[^\S\uFEFF]+/)).map(unescaped);
    var anchors = data.anchors || [];
    var body = anchors.filter(function (a) { return a.id === TEXT_ANCHOR; })[0];
    var from = body ? body.location : titleLength(words, data.meta && data.meta.title);
    while (from < words.length && (BLOCK_BREAK.test(words[from]) || !words[from].trim())) { from++; }
    var tags = anchors.filter(function (a) { return a.id === TAGS_ANCHOR; })[0];
    var to = tags && tags.location > from ? tags.location : words.length;
    var hits = new Set(data.locations || []);
    var hit = (data.locations || []).filter(function (l) { return l >= from && l < to; }).sort(function (a, b) { return a - b; })[0];
    var start = hit === undefined ? from : excerptStart(words, from, hit);
    var out = document.createDocumentFragment(), chars = 0, i = start;
    if (start > from && !SENTENCE_END.test(words[start - 1])) { out.appendChild(document.createTextNode("……")); }
    for (; i < to && chars < EXCERPT_CHARS; i++) {
      var word = BLOCK_BREAK.test(words[i]) ? " " : words[i];
      if (hits.has(i)) {
        var mark = document.createElement("mark");
        mark.textContent = word;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(word));
      }
      if (joiner && i + 1 < to) { out.appendChild(document.createTextNode(joiner)); }
      chars += word.length;
    }
    if (i < to) { out.appendChild(document.createTextNode("……")); }
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
    var text = document.createElement("p");
    text.className = "hp-search-result__excerpt";
    text.appendChild(excerpt(data));
    item.appendChild(text);
    list.appendChild(item);
  }

  /* The index is sharded by date (at most 500 articles a shard, so the build's memory stays bounded):
     pagefind/shards.json lists the shards, newest first. The newest FIRST_SHARDS answer first; the
     older ones are merged in afterwards and the list is redrawn. A shard with a few edited articles
     comes with a patch bundle of those articles and lists the results of its own bundle that the
     patch supersedes ([page id, address]): those are dropped. */
  var bundleRoot = new URL("./", manifestUrl).href;
  var OPTIONS = { baseUrl: siteRoot };
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
    return { shards: shards, superseded: superseded };
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

  function wordsOf(query) {
    /* The words of two characters or more of a query, as the browser's dictionary splits it (疫苗接种:
       疫苗, 接种; 英德市妇幼保健院: 英德, 妇幼保健); none in a browser without one. A single character
       (医改: 医, 改) is in nearly every page: it says nothing. */
    if (typeof Intl === "undefined" || !Intl.Segmenter) { return []; }
    return Array.from(new Intl.Segmenter("zh", { granularity: "word" }).segment(query))
      .filter(function (s) { return s.isWordLike && Array.from(s.segment).length > 1; })
      .map(function (s) { return s.segment; });
  }

  async function holding(pagefind, phrase, clashing) {
    /* A test of a result (and its address): is it one of the pages that hold the phrase as typed? Result
       ids are short per-shard hashes: an id that clashes is settled by the address. */
    var results = (await pagefind.search('"' + phrase + '"')).results;
    var ids = new Set(results.map(function (r) { return r.id; }));
    var urls = new Set((await Promise.all(results.filter(function (r) { return clashing.has(r.id); })
      .map(function (r) { return r.data(); }))).map(function (d) { return pathOf(d.url); }));
    return function (r, url) { return ids.has(r.id) && (!clashing.has(r.id) || urls.has(url)); };
  }

  async function phraseFirst(pagefind, query, ranked) {
    /* The ranked pages that hold the query as typed, then, when it has two words or more (wordsOf),
       those that hold each of them apart (疫苗接种: an article whose text says 接种流感疫苗), each part in
       Pagefind's order. Pagefind itself also answers pages that hold only some of the words (惠民政策:
       every page with 政策): those are left out. */
    var count = new Map();
    ranked.forEach(function (r) { count.set(r.id, (count.get(r.id) || 0) + 1); });
    var clashing = new Set(ranked.filter(function (r) { return count.get(r.id) > 1; }).map(function (r) { return r.id; }));
    var urls = new Map();
    await Promise.all(ranked.filter(function (r) { return clashing.has(r.id); })
      .map(async function (r) { urls.set(r, pathOf((await r.data()).url)); }));
    var words = wordsOf(query);
    var whole = await holding(pagefind, query, clashing);
    var each = words.length > 1 ? await Promise.all(words.map(function (w) { return holding(pagefind, w, clashing); })) : [];
    var first = [], after = [];
    ranked.forEach(function (r) {
      var url = urls.get(r);
      if (whole(r, url)) { first.push(r); }
      else if (each.length && each.every(function (holds) { return holds(r, url); })) { after.push(r); }
    });
    return first.concat(after);
  }

  function pageAddress(query, page) {
    var params = new URLSearchParams({ q: query });
    if (page > 1) { params.set("page", String(page)); }
    return location.pathname + "?" + params.toString();
  }

  function requested() {
    /* The query and the page the address asks for (?q=…&page=N; page 1 when absent or not a number). */
    var params = new URLSearchParams(location.search);
    var page = parseInt(params.get("page") || "1", 10);
    return { query: (params.get("q") || "").trim(), page: page > 0 ? page : 1 };
  }

  function pagerLink(label, page, query, rel) {
    var link = document.createElement("a");
    link.href = pageAddress(query, page);
    link.textContent = label;
    link.setAttribute("data-page", String(page));
    if (rel) { link.rel = rel; link.className = "hp-pager__" + rel; }
    if (/^\d+$/.test(label)) { link.setAttribute("aria-label", "第 " + label + " 页"); }
    return link;
  }

  function drawPager(nav, query, page, pages) {
    /* 上一页, the page numbers (the first, the last and two either side of this one), 下一页: as the
       listings' pager (macros.html), as links that keep the query, so they work without the script too. */
    nav.textContent = "";
    nav.hidden = pages < 2;
    if (pages < 2) { return; }
    if (page > 1) { nav.appendChild(pagerLink("上一页", page - 1, query, "prev")); }
    for (var n = 1; n <= pages; n++) {
      if (n === page) {
        var current = document.createElement("span");
        current.className = "hp-pager__current";
        current.setAttribute("aria-current", "page");
        current.textContent = String(n);
        nav.appendChild(current);
      } else if (n === 1 || n === pages || Math.abs(n - page) <= 2) {
        nav.appendChild(pagerLink(String(n), n, query));
      } else if (Math.abs(n - page) === 3) {
        var gap = document.createElement("span");
        gap.className = "hp-pager__gap";
        gap.textContent = "…";
        nav.appendChild(gap);
      }
    }
    if (page < pages) { nav.appendChild(pagerLink("下一页", page + 1, query, "next")); }
    var count = document.createElement("span");
    count.className = "hp-pager__count";
    count.textContent = "第 " + page + " / " + pages + " 页";
    nav.appendChild(count);
  }

  function foundText(query, total, page, pages) {
    if (!total) { return "没有找到与“" + query + "”有关的文章。"; }
    var text = "找到 " + total + " 篇与“" + query + "”有关的文章";
    if (pages < 2) { return text + "。"; }
    var first = (page - 1) * PAGE_SIZE + 1, last = Math.min(page * PAGE_SIZE, total);
    return text + "，第 " + page + " / " + pages + " 页，显示第 " + first + "–" + last + " 篇。";
  }

  function Search(pagefind, manifest, query, phrase, view) {
    this.pagefind = pagefind; this.manifest = manifest; this.query = query;
    this.phrase = phrase; this.view = view; this.ranked = []; this.more = false; this.drawn = 0;
  }

  Search.prototype.rank = async function (more) {
    /* Every result of the shards merged so far, each page once: in Pagefind's order, or, for Chinese,
       the pages that hold the query as typed first, then those that hold each of its words. */
    var ranked = await settle((await this.pagefind.search(this.query)).results, this.manifest.superseded);
    if (this.phrase) { ranked = await phraseFirst(this.pagefind, this.query, ranked); }
    this.ranked = ranked;
    this.more = more;
  };

  Search.prototype.show = async function (page, focus) {
    /* One page of the results (clamped to the last), its pager and the count in the live region. */
    var view = this.view, total = this.ranked.length;
    var pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    page = Math.min(Math.max(1, page), pages);
    var drawing = ++this.drawn;
    var shown = this.ranked.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    var results = await Promise.all(shown.map(function (r) { return r.data(); }));
    if (drawing !== this.drawn) { return; }  /* a later page was asked for meanwhile */
    view.list.textContent = "";
    view.list.start = (page - 1) * PAGE_SIZE + 1;
    view.list.setAttribute("aria-label", pages > 1 ? "搜索结果，第 " + page + " 页" : "搜索结果");
    results.forEach(function (data) { render(view.list, data); });
    drawPager(view.pager, this.query, page, pages);
    view.status.textContent = foundText(this.query, total, page, pages) +
      (this.more ? "正在检索更早的文章……" : (total ? "" : "换个词试试，或按归档、标签查找。"));
    if (focus) { view.list.focus(); }
  };

  async function run() {
    var asked = requested(), query = asked.query;
    var input = document.getElementById("hp-search-page-input");
    var view = { status: document.querySelector(".hp-search-status"), list: document.querySelector(".hp-search-results"),
                 pager: document.querySelector(".hp-search-pager") };
    if (input) { input.value = query; }
    var header = document.getElementById("hp-search-input");
    if (header) { header.value = query; }
    if (!query) { view.status.textContent = "请输入要搜索的词语，如“医改”“健康周刊”“12320”。"; return; }
    view.status.textContent = "正在搜索“" + query + "”……";
    try {
      var manifest = await loadManifest();
      if (!manifest.shards.length) {  /* a site with no published article yet: an index of nothing */
        view.status.textContent = "网站还没有发布文章，暂时没有可以搜索的内容。";
        return;
      }
      var phrase = /\p{Script=Han}/u.test(query) && !/[\s"]/.test(query);  /* Chinese, split into words */
      var first = manifest.shards.slice(0, FIRST_SHARDS).flat();
      var rest = manifest.shards.slice(FIRST_SHARDS).flat();
      var pagefind = await import(first[0] + "pagefind.js");
      await pagefind.options(OPTIONS);
      await Promise.all(first.slice(1).map(function (bundle) { return pagefind.mergeIndex(bundle, OPTIONS); }));
      var search = new Search(pagefind, manifest, query, phrase, view);
      /* Paging: the pager's links change the address (so the back button goes to the page before) and
         draw that page from the results at hand, the focus on the list; back and forward redraw. */
      view.pager.addEventListener("click", function (event) {
        var link = event.target.closest("a[data-page]");
        if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
        event.preventDefault();
        var page = parseInt(link.getAttribute("data-page"), 10);
        history.pushState(null, "", pageAddress(query, page));
        search.show(page, true);
      });
      window.addEventListener("popstate", function () {
        var now = requested();
        if (now.query !== query) { location.reload(); return; }
        search.show(now.page, true);
      });
      await search.rank(rest.length > 0);
      await search.show(requested().page, false);
      if (rest.length) {
        await Promise.all(rest.map(function (bundle) { return pagefind.mergeIndex(bundle, OPTIONS); }));
        await search.rank(false);
        await search.show(requested().page, false);
      }
    } catch (error) {
      view.status.textContent = "搜索暂时不可用，请稍后再试，或按归档、标签查找。";
    }
  }

  run();
}());
