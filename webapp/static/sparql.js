/* The SPARQL query page: a CodeMirror editor with prefix completion, example queries, and the
   answer from /sparql drawn as a table (SELECT, ASK) or a graph (CONSTRUCT, DESCRIBE).
   The query lives in the page's URL (?query=...), so a page can be shared, bookmarked and
   reloaded. Settings come from the JSON in #sparql-settings (webapp/sparql.py). */
(function () {
  "use strict";

  const settings = JSON.parse(document.getElementById("sparql-settings").textContent);
  const RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
  const PLAIN = /^http:\/\/www\.w3\.org\/2001\/XMLSchema#(string|integer|decimal|double|boolean)$/;
  const $ = (id) => document.getElementById(id);
  const textarea = $("query");
  const form = $("sparql-form");
  const status = $("status");
  const errorBox = $("query-error");
  let editor = null;
  let running = null; // the AbortController of the query in flight
  let errorLine = null;

  // --- the editor --------------------------------------------------------------------

  if (window.CodeMirror) {
    editor = CodeMirror.fromTextArea(textarea, {
      mode: "application/sparql-query",
      lineNumbers: true,
      matchBrackets: true,
      lineWrapping: true,
      indentUnit: 2,
      viewportMargin: Infinity,
      extraKeys: {
        "Ctrl-Enter": () => run(),
        "Cmd-Enter": () => run(),
        "Ctrl-Space": (cm) => cm.showHint({ hint: prefixHint, completeSingle: false }),
      },
    });
    editor.on("inputRead", (cm, change) => {
      if (change.text.join("") === ":") declarePrefixBeforeCursor(cm);
      else if (/^[\w-]$/.test(change.text.join("")) && prefixContext(cm)) {
        cm.showHint({ hint: prefixHint, completeSingle: false });
      }
    });
    editor.on("change", clearError);
  }

  function queryText() {
    return editor ? editor.getValue() : textarea.value;
  }

  function setQueryText(text) {
    if (editor) editor.setValue(text);
    else textarea.value = text;
  }

  // The prefixes the query declares itself: PREFIX name: <iri>
  function declared(text) {
    const found = {};
    const re = /PREFIX\s+([A-Za-z][\w.-]*|):\s*<([^>]*)>/gi;
    let m;
    while ((m = re.exec(text))) found[m[1]] = m[2];
    return found;
  }

  // What is being typed at the cursor: after "PREFIX " (a declaration), or a bare word that may
  // become a prefixed name.
  function prefixContext(cm) {
    const cursor = cm.getCursor();
    const before = cm.getLine(cursor.line).slice(0, cursor.ch);
    const declaration = /PREFIX\s+([\w-]*)$/i.exec(before);
    if (declaration) return { declaration: true, word: declaration[1], cursor };
    const word = /(?:^|[\s({;,.\/|^!])([A-Za-z][\w-]*)$/.exec(before);
    if (word && !/^(PREFIX|SELECT|WHERE|FILTER|OPTIONAL|GRAPH|BIND|VALUES|ORDER|GROUP|LIMIT)$/i.test(word[1])) {
      return { declaration: false, word: word[1], cursor };
    }
    return null;
  }

  function prefixHint(cm) {
    const context = prefixContext(cm);
    if (!context) return null;
    const { word, cursor } = context;
    const list = Object.entries(settings.prefixes)
      .filter(([name]) => name.startsWith(word.toLowerCase()))
      .map(([name, iri]) => context.declaration
        ? { text: `${name}: <${iri}>`, displayText: `${name}: <${iri}>` }
        : { text: `${name}:`, displayText: `${name}:  ${iri}`, hint: (c, data, item) => {
            c.replaceRange(item.text, data.from, data.to);
            declarePrefix(c, name);
          } });
    if (!list.length) return null;
    return { list, from: CodeMirror.Pos(cursor.line, cursor.ch - word.length), to: cursor };
  }

  // Typing "atlas:" in a query that does not declare atlas: declares it at the top.
  function declarePrefixBeforeCursor(cm) {
    const cursor = cm.getCursor();
    const before = cm.getLine(cursor.line).slice(0, cursor.ch);
    if (/PREFIX\s+[\w-]*:$/i.test(before)) return;
    const m = /(?:^|[^\w:<"'?$.-])([A-Za-z][\w-]*):$/.exec(before);
    if (m) declarePrefix(cm, m[1]);
  }

  function declarePrefix(cm, name) {
    const iri = settings.prefixes[name];
    if (!iri || name in declared(cm.getValue())) return;
    // After the last PREFIX line, or at the very top.
    let line = 0;
    for (let i = 0; i < cm.lineCount(); i++) {
      if (/^\s*PREFIX\s/i.test(cm.getLine(i))) line = i + 1;
    }
    cm.replaceRange(`PREFIX ${name}: <${iri}>\n`, CodeMirror.Pos(line, 0));
  }

  // --- running a query -----------------------------------------------------------------

  // The dataset parameters of the page's own URL go along with every query.
  function datasetParams() {
    const page = new URLSearchParams(window.location.search);
    const params = new URLSearchParams();
    for (const name of ["default-graph-uri", "named-graph-uri"]) {
      for (const value of page.getAll(name)) params.append(name, value);
    }
    return params;
  }

  function pageUrl(text) {
    const params = datasetParams();
    params.set("query", text);
    return `${window.location.pathname}?${params}`;
  }

  async function run(options = {}) {
    const text = queryText();
    if (!options.fromHistory) {
      const url = pageUrl(text);
      if (url !== window.location.pathname + window.location.search) history.pushState({ query: text }, "", url);
    }
    if (running) running.abort();
    const controller = (running = new AbortController());
    clearError();
    status.textContent = "Running…";
    const body = datasetParams();
    body.set("query", text);
    const started = performance.now();
    let response;
    try {
      response = await fetch(settings.endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, application/n-triples;q=0.9",
        },
        body,
        signal: controller.signal,
      });
    } catch (err) {
      if (err.name !== "AbortError") showError(`The endpoint did not answer: ${err.message}`);
      return;
    }
    const answer = await response.text();
    if (controller !== running) return; // a newer query took over
    running = null;
    const ms = Math.round(performance.now() - started);
    if (!response.ok) {
      showError(answer.trim(), response.status);
      status.textContent = `Failed after ${ms} ms`;
      return;
    }
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    const prefixes = { ...settings.prefixes, ...declared(text) };
    if (type === "application/sparql-results+json") {
      const data = JSON.parse(answer);
      if ("boolean" in data) {
        $("graph-result").hidden = true;
        drawBoolean(data.boolean);
        status.textContent = `ASK · ${ms} ms`;
        showDownloads(text, "results", ["json", "xml"]);
      } else {
        const n = data.results.bindings.length;
        $("graph-result").hidden = true;
        drawTable(data.head.vars, data.results.bindings, prefixes);
        status.textContent = `${n.toLocaleString()} ${n === 1 ? "row" : "rows"} · ${ms} ms`;
        showDownloads(text, "results");
      }
    } else {
      const triples = parseNTriples(answer);
      drawGraph(triples, prefixes);
      status.textContent = `${triples.length.toLocaleString()} ${triples.length === 1 ? "triple" : "triples"} · ${ms} ms`;
      showDownloads(text, "graph");
    }
  }

  function showError(message, code) {
    errorBox.hidden = false;
    errorBox.textContent = code ? `${code}: ${message}` : message;
    const at = /line (\d+), column (\d+)/.exec(message);
    if (editor && at) {
      errorLine = editor.addLineClass(Number(at[1]) - 1, "background", "error-line");
    }
    $("results-title").hidden = true;
    $("downloads").hidden = true;
    $("capped").hidden = true;
    $("graph-result").hidden = true;
    $("table-wrap").replaceChildren();
  }

  function clearError() {
    errorBox.hidden = true;
    errorBox.textContent = "";
    if (editor && errorLine) editor.removeLineClass(errorLine, "background", "error-line");
    errorLine = null;
  }

  // Links to the same query in each format, for the whole answer (the page draws only rowCap rows).
  function showDownloads(text, kind, only) {
    const box = $("downloads");
    box.replaceChildren("Download: ");
    const formats = settings.downloads.filter((f) => f.kind === kind && (!only || only.includes(f.name)));
    formats.forEach((f, i) => {
      const params = datasetParams();
      params.set("query", text);
      params.set("format", f.name);
      const a = document.createElement("a");
      a.href = `${settings.endpoint}?${params}`;
      a.download = `result.${f.extension}`;
      a.className = "download";
      a.dataset.format = f.name;
      a.textContent = f.label;
      box.append(a);
      if (i < formats.length - 1) box.append(" · ");
    });
    box.hidden = false;
    $("results-title").hidden = false;
  }

  // --- drawing answers ------------------------------------------------------------------

  // An IRI as prefix:name for reading (a "/" may stay in the name: id:work/the-beach--film).
  function compact(iri, prefixes) {
    let best = null;
    for (const [name, ns] of Object.entries(prefixes)) {
      if (ns && iri.startsWith(ns) && /^[\w.\/-]*$/.test(iri.slice(ns.length)) && (!best || ns.length > best[1].length)) {
        best = [name, ns];
      }
    }
    return best ? `${best[0]}:${iri.slice(best[1].length)}` : iri;
  }

  // An IRI as a link: entities of the graph to their page here, others to themselves.
  function iriLink(iri, prefixes, text) {
    const a = document.createElement("a");
    a.textContent = text || compact(iri, prefixes);
    a.title = iri;
    if (iri.startsWith(settings.idNamespace)) {
      a.href = settings.idPath + iri.slice(settings.idNamespace.length);
      a.className = "entity-iri";
    } else {
      a.href = iri;
      a.className = "external";
      a.rel = "noopener noreferrer";
    }
    return a;
  }

  function termNode(term, prefixes) {
    if (!term) return document.createTextNode("");
    if (term.type === "uri") return iriLink(term.value, prefixes);
    if (term.type === "bnode") {
      const span = document.createElement("span");
      span.className = "bnode";
      span.textContent = `_:${term.value}`;
      return span;
    }
    const span = document.createElement("span");
    span.className = "literal";
    span.textContent = term.value;
    const lang = term["xml:lang"];
    const datatype = term.datatype;
    span.title = lang ? `@${lang}` : datatype || "";
    // Numbers and plain strings need no tag; a language, a date or another datatype is shown.
    if (lang || (datatype && !PLAIN.test(datatype))) {
      const tag = document.createElement("span");
      tag.className = "datatype";
      tag.textContent = lang ? `@${lang}` : compact(datatype, prefixes);
      tag.title = lang ? "language" : datatype;
      span.append(" ", tag);
    }
    return span;
  }

  // The first rowCap rows as a table; the downloads hold them all.
  function drawTable(vars, rows, prefixes, noun = "rows") {
    const shown = rows.slice(0, settings.rowCap);
    const capped = $("capped");
    capped.hidden = rows.length <= settings.rowCap;
    capped.textContent = `Showing the first ${shown.length.toLocaleString()} of ${rows.length.toLocaleString()} ${noun}; the downloads hold them all.`;
    const table = document.createElement("table");
    table.className = "sparql-results";
    const head = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = `?${v}`;
      head.append(th);
    }
    const body = table.createTBody();
    for (const row of shown) {
      const tr = body.insertRow();
      for (const v of vars) tr.insertCell().append(termNode(row[v], prefixes));
    }
    if (!rows.length) {
      const td = body.insertRow().insertCell();
      td.colSpan = Math.max(vars.length, 1);
      td.className = "empty";
      td.textContent = "No results.";
    }
    $("table-wrap").replaceChildren(table);
  }

  function drawBoolean(value) {
    $("capped").hidden = true;
    const p = document.createElement("p");
    p.className = `boolean ${value}`;
    p.textContent = value ? "Yes (true)" : "No (false)";
    $("table-wrap").replaceChildren(p);
  }

  // N-Triples, as pyoxigraph writes it: one triple a line.
  function parseNTriples(text) {
    const term = String.raw`(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)`;
    const line = new RegExp(`^\\s*${term}\\s+${term}\\s+${term}\\s*\\.\\s*$`);
    const triples = [];
    for (const raw of text.split("\n")) {
      const m = line.exec(raw);
      if (m) triples.push([readTerm(m[1]), readTerm(m[2]), readTerm(m[3])]);
    }
    return triples;
  }

  function readTerm(text) {
    if (text.startsWith("<")) return { type: "uri", value: text.slice(1, -1) };
    if (text.startsWith("_:")) return { type: "bnode", value: text.slice(2) };
    const end = text.lastIndexOf('"');
    const value = JSON.parse(text.slice(0, end + 1)
      .replace(/\\U([0-9A-Fa-f]{8})/g, (_, hex) => {
        const cp = parseInt(hex, 16) - 0x10000;
        return cp < 0 ? `\\u${hex.slice(4)}` : `\\u${(0xd800 + (cp >> 10)).toString(16)}\\u${(0xdc00 + (cp & 0x3ff)).toString(16)}`;
      }).replace(/\\'/g, "'"));
    const rest = text.slice(end + 1);
    const term = { type: "literal", value };
    if (rest.startsWith("@")) term["xml:lang"] = rest.slice(1);
    if (rest.startsWith("^^")) term.datatype = rest.slice(3, -1);
    return term;
  }

  // The triples as a table, and drawn as a graph where vis-network is at hand.
  function drawGraph(triples, prefixes) {
    drawTable(["subject", "predicate", "object"],
      triples.map(([s, p, o]) => ({ subject: s, predicate: p, object: o })), prefixes, "triples");
    const shown = triples.slice(0, settings.rowCap);
    const box = $("graph-result");
    // vis-network comes from the app where it serves it (webapp/vendor.py); without it, the table says it all.
    if (!window.vis || !window.vis.Network || !shown.length) {
      box.hidden = true;
      return;
    }
    const key = (t) => (t.type === "bnode" ? `_:${t.value}` : t.value);
    const nodes = new Map();
    const node = (t) => {
      const id = key(t);
      if (!nodes.has(id)) {
        nodes.set(id, { id, label: t.type === "uri" ? compact(t.value, prefixes) : id, title: t.value, iri: t.type === "uri" ? t.value : null,
          shape: "box", color: { background: t.type === "uri" && t.value.startsWith(settings.idNamespace) ? "#f6e7c1" : "#e8eef6", border: "#b9a67a" } });
      }
      return nodes.get(id);
    };
    const edges = [];
    for (const [s, p, o] of shown) {
      const from = node(s);
      if (o.type === "literal") {
        if (p.value === RDFS_LABEL) from.label = o.value;
        else from.title += `\n${compact(p.value, prefixes)}: ${o.value}`;
        continue;
      }
      edges.push({ from: from.id, to: node(o).id, label: compact(p.value, prefixes), arrows: "to" });
    }
    box.hidden = false;
    box.replaceChildren();
    const network = new vis.Network(box, { nodes: new vis.DataSet([...nodes.values()]), edges: new vis.DataSet(edges) },
      { nodes: { font: { size: 16 }, margin: 8 }, edges: { color: "#9a8f7a", font: { size: 11, color: "#6b6b6b" } },
        physics: { solver: "forceAtlas2Based", stabilization: { iterations: 250 } }, interaction: { hover: true } });
    network.on("doubleClick", (params) => {
      const picked = params.nodes.length && nodes.get(params.nodes[0]);
      if (picked && picked.iri && picked.iri.startsWith(settings.idNamespace)) {
        window.location.href = settings.idPath + picked.iri.slice(settings.idNamespace.length);
      }
    });
  }

  // --- wiring ----------------------------------------------------------------------------

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });

  for (const link of document.querySelectorAll("a[data-example]")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const query = new URL(link.href).searchParams.get("query");
      setQueryText(query);
      run();
    });
  }

  window.addEventListener("popstate", () => {
    const query = new URLSearchParams(window.location.search).get("query");
    if (query !== null) {
      setQueryText(query);
      run({ fromHistory: true });
    }
  });

  if (settings.run) run({ fromHistory: true });
})();
