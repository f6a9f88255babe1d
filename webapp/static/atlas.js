// The explorer's behaviour: search suggestions as you type, and the graph drawings.
// Every page works without it (forms submit, links link); this makes them quicker to use.
"use strict";

(function () {
  // ---------------------------------------------------------------- search suggestions

  const SEARCH_API = "/api/search";

  function debounce(fn, ms) {
    let timer;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  }

  // A form.search gets a list of suggestions under its box. In a form with data-path-from, a
  // suggestion leads to the connections between that entity and the one suggested.
  function autocomplete(form) {
    const input = form.querySelector("input[type=search]");
    const list = document.createElement("ul");
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.id = "suggestions-" + Math.random().toString(36).slice(2);
    list.hidden = true;
    input.after(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    const from = form.dataset.pathFrom;
    let active = -1;
    let asked = 0;

    function target(item) {
      if (!from) return item.url;
      return "/path?" + new URLSearchParams({ from: from, to: item.iri }).toString();
    }

    function show(items) {
      list.replaceChildren();
      active = -1;
      for (const item of items) {
        const li = document.createElement("li");
        li.setAttribute("role", "option");
        const a = document.createElement("a");
        a.href = target(item);
        a.className = "entity kind-" + item.type;
        const label = document.createElement("span");
        label.className = "label";
        label.textContent = item.label;
        const desc = document.createElement("span");
        desc.className = "desc";
        desc.textContent = item.description;
        a.append(label, " ", desc);
        li.append(a);
        list.append(li);
      }
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
    }

    function highlight(index) {
      const options = list.querySelectorAll("li");
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    }

    const ask = debounce(async () => {
      const q = input.value.trim();
      const mine = ++asked;
      if (!q) { show([]); return; }
      const response = await fetch(SEARCH_API + "?" + new URLSearchParams({ q: q, limit: 8 }));
      if (!response.ok || mine !== asked) return;  // a later keystroke has asked again
      show(await response.json());
    }, 120);

    input.addEventListener("input", ask);
    input.addEventListener("keydown", (event) => {
      const options = list.querySelectorAll("li a");
      if (event.key === "ArrowDown") { highlight(active + 1); event.preventDefault(); }
      else if (event.key === "ArrowUp") { highlight(active - 1); event.preventDefault(); }
      else if (event.key === "Escape") { show([]); }
      else if (event.key === "Enter" && options.length && (active >= 0 || from)) {
        // Enter on a suggestion opens it; in a path form there is nothing else to submit.
        event.preventDefault();
        window.location.href = options[Math.max(active, 0)].href;
      }
    });
    document.addEventListener("click", (event) => {
      if (!form.contains(event.target)) show([]);
    });
  }

  // ---------------------------------------------------------------- graphs

  // Draws the JSON of <script id=data-source> (nodes, edges, options: built by graph/picture.py)
  // into the element. Clicking a node opens its page.
  function draw(element, data) {
    if (element.network) element.network.destroy();  // a redraw replaces the picture
    const nodes = new vis.DataSet(data.nodes);
    const edges = new vis.DataSet(data.edges);
    const network = new vis.Network(element, { nodes: nodes, edges: edges }, data.options);
    element.dataset.ready = "0";
    const settled = () => {
      network.setOptions({ physics: { enabled: false } });  // drawn once: nothing drifts afterwards
      network.fit();
      element.dataset.ready = "1";
      element.dataset.nodes = String(nodes.length);
    };
    if (data.options.physics && data.options.physics.enabled === false) settled();
    else network.once("stabilizationIterationsDone", settled);
    network.on("click", (params) => {
      const node = params.nodes.length ? nodes.get(params.nodes[0]) : null;
      if (node && node.url && node.url !== window.location.pathname) window.location.href = node.url;
    });
    network.on("hoverNode", () => { element.style.cursor = "pointer"; });
    network.on("blurNode", () => { element.style.cursor = ""; });
    element.network = network;
    window.atlasNetwork = network;  // for the browser tests, and for poking at in a console
    return network;
  }

  function legend(list, items) {
    list.replaceChildren();
    for (const item of items) {
      const li = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch kind-" + item.kind;
      li.append(swatch, item.word);
      list.append(li);
    }
  }

  function capped(list, items) {
    list.replaceChildren();
    for (const c of items) {
      const li = document.createElement("li");
      li.textContent = `${c.label}: ${c.hidden} more not drawn (${c.summary}).`;
      list.append(li);
    }
  }

  // The depth and link filters redraw the picture in place, and keep the choice in the URL.
  // Quick clicks overlap: each change aborts the fetch before it, so an older answer
  // arriving late never draws over the newer choice.
  function controls(form, element) {
    const panel = form.closest(".graph-panel");
    let pending = null;
    form.addEventListener("change", async () => {
      const params = new URLSearchParams(new FormData(form));
      const all = form.querySelectorAll("input[name=relation]").length;
      if (params.getAll("relation").length === all) params.delete("relation");
      const asked = new URLSearchParams(params);
      asked.set("iri", form.dataset.iri);
      if (pending) pending.abort();
      const mine = new AbortController();
      pending = mine;
      let data;
      try {
        const response = await fetch(form.dataset.api + "?" + asked, { signal: mine.signal });
        if (!response.ok) return;
        data = await response.json();
      } catch (error) {
        if (error.name === "AbortError") return;
        throw error;
      }
      draw(element, data);
      legend(panel.querySelector(".legend"), data.legend);
      capped(panel.querySelector(".capped"), data.capped);
      history.replaceState(null, "", "?" + params);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form.search").forEach(autocomplete);
    const element = document.querySelector(".graph[data-source]");
    if (element && window.vis) {
      draw(element, JSON.parse(document.getElementById(element.dataset.source).textContent));
      const form = document.querySelector("form.graph-controls");
      if (form) controls(form, element);
    }
  });
})();
