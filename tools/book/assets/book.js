/*
 * emergence-lab book: the page's own script (no dependencies; plotly.js is loaded before it, once,
 * on pages with figures).
 * - Draws every figure from its stored spec; the static image stays where drawing is impossible.
 * - "Hide code" / "Show code" folds every code cell (key c).
 * - Presenter view (key p or the Present button): large type, one section per screen; arrow keys,
 *   PageUp/PageDown and space move, Home/End jump, Esc leaves. The address keeps the section
 *   (#present-3), so a reload or a link opens the same screen.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  var article = document.querySelector("article.page");

  // ---- figures ---------------------------------------------------------------------------------
  function say(fig, msg) {
    var s = fig.querySelector(".el-fig-status");
    if (s) { s.textContent = msg; s.hidden = false; }
  }
  function drawFigures() {
    var figs = Array.prototype.slice.call(document.querySelectorAll("figure.book-figure"));
    if (!figs.length) return;
    var Plotly = window.Plotly;
    figs.forEach(function (fig) {
      if (!Plotly || !Plotly.newPlot) {
        fig.setAttribute("data-el-state", "failed");
        say(fig, "Static image shown: plotly.js (assets/plotly.min.js) did not load.");
        return;
      }
      var spec;
      try {
        spec = JSON.parse(fig.querySelector("script.el-fig-spec").textContent);
      } catch (e) {
        fig.setAttribute("data-el-state", "failed");
        say(fig, "Static image shown: the figure's data could not be read.");
        return;
      }
      var plot = fig.querySelector(".el-fig-plot");
      var layout = spec.layout || {};
      var room = fig.clientWidth;
      if (layout.width && room && layout.width > room) { delete layout.width; layout.autosize = true; }
      fig.setAttribute("data-el-state", "loading");
      Plotly.newPlot(plot, spec.data, layout, { displaylogo: false, responsive: true }).then(
        function () { fig.setAttribute("data-el-state", "plotly"); },
        function (e) {
          fig.setAttribute("data-el-state", "failed");
          say(fig, "Static image shown: " + (e && e.message ? e.message : String(e)));
        }
      );
    });
  }

  // ---- code cells ------------------------------------------------------------------------------
  var codeButton = document.querySelector(".btn-code");
  function codeCells() { return Array.prototype.slice.call(document.querySelectorAll("details.code")); }
  function setCode(open) {
    codeCells().forEach(function (d) { d.open = open; });
    if (codeButton) codeButton.textContent = open ? "Hide code" : "Show code";
  }
  function toggleCode() {
    var cells = codeCells();
    var anyOpen = cells.some(function (d) { return d.open; });
    if (root.classList.contains("presenting")) {
      root.classList.toggle("hide-code");
      var shown = !root.classList.contains("hide-code");
      if (shown) cells.forEach(function (d) { d.open = true; });
      return;
    }
    setCode(!anyOpen);
  }
  if (codeButton && codeCells().length) {
    codeButton.hidden = false;
    codeButton.addEventListener("click", toggleCode);
  }

  // ---- presenter view --------------------------------------------------------------------------
  var slides = null;
  var current = 0;
  var bar = document.querySelector(".present-bar");
  var count = document.querySelector(".present-count");

  /** Wraps the article's children into one <section class="slide"> per h1/h2 (once). */
  function makeSlides() {
    if (slides) return slides;
    slides = [];
    var nodes = Array.prototype.slice.call(article.childNodes);
    var section = null;
    nodes.forEach(function (n) {
      var heading = n.nodeType === 1 && (n.tagName === "H1" || n.tagName === "H2");
      if (!section && !heading && n.nodeType !== 1 && !(n.textContent || "").trim()) return; // leading white space
      if (!section || heading) {
        section = document.createElement("section");
        section.className = "slide";
        article.appendChild(section);
        slides.push(section);
      }
      section.appendChild(n);
    });
    return slides;
  }
  function resizePlots(el) {
    if (!window.Plotly || !window.Plotly.Plots) return;
    Array.prototype.forEach.call(el.querySelectorAll(".js-plotly-plot"), function (p) { window.Plotly.Plots.resize(p); });
  }
  function show(i) {
    var s = makeSlides();
    current = Math.max(0, Math.min(s.length - 1, i));
    s.forEach(function (el, j) { el.classList.toggle("current", j === current); });
    if (count) count.textContent = (current + 1) + " / " + s.length;
    history.replaceState(null, "", "#present-" + (current + 1));
    window.scrollTo(0, 0);
    resizePlots(s[current]);
  }
  function present(i) {
    root.classList.add("presenting");
    root.classList.add("hide-code");
    if (bar) bar.hidden = false;
    show(i);
  }
  function leave() {
    var s = makeSlides();
    var at = s[current];
    root.classList.remove("presenting", "hide-code");
    if (bar) bar.hidden = true;
    history.replaceState(null, "", location.pathname + location.search);
    if (at) at.scrollIntoView();
    if (slides) slides.forEach(function (el) { resizePlots(el); });
  }
  var presentButton = document.querySelector(".btn-present");
  if (presentButton && article) {
    presentButton.hidden = false;
    presentButton.addEventListener("click", function () { present(0); });
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
    var presenting = root.classList.contains("presenting");
    if (!presenting) {
      if (e.key === "p" && article) { present(0); e.preventDefault(); }
      else if (e.key === "c" && codeCells().length) { toggleCode(); e.preventDefault(); }
      return;
    }
    switch (e.key) {
      case "ArrowRight": case "PageDown": case " ": case "n": show(current + 1); break;
      case "ArrowLeft": case "PageUp": case "Backspace": show(current - 1); break;
      case "Home": show(0); break;
      case "End": show(makeSlides().length - 1); break;
      case "Escape": case "p": leave(); break;
      case "c": toggleCode(); break;
      default: return;
    }
    e.preventDefault();
  });

  function fromHash() {
    var m = /^#present-(\d+)$/.exec(location.hash);
    if (m && article) present(Number(m[1]) - 1);
  }
  window.addEventListener("hashchange", fromHash);
  drawFigures();
  fromHash();
})();
