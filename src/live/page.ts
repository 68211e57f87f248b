// The live page: report.html's look and chart.js, inlined, plus a small client that follows the
// server-sent events. It loads nothing from the network (the server's CSP forbids it too).

import { escapeXml } from '../report/escape.js';
import { chartJsUmd } from '../report/html.js';
import { STYLE } from '../report/html-style.js';
import { markersPluginSource } from '../report/markers-plugin.js';

const CLIENT = `
(function () {
  var stats = { messages: 0, points: 0, charts: 0, ended: false };
  window.__resilabLive = stats;
  var charts = {};
  var ranges = {};
  var dirty = {};
  var pending = false;
  var statusLine = document.getElementById('status');
  Chart.register(MARKERS);
  Chart.defaults.font.size = 16;
  Chart.defaults.color = '#111111';
  Chart.defaults.animation = false;
  function redraw() {
    pending = false;
    Object.keys(dirty).forEach(function (name) { if (charts[name]) charts[name].chart.update('none'); });
    dirty = {};
  }
  function touch(name) {
    dirty[name] = true;
    if (!pending) { pending = true; requestAnimationFrame(redraw); }
  }
  function grid(section) {
    return document.querySelector('section[data-section="' + section + '"] .grid');
  }
  var handlers = {
    section: function (m) {
      var el = document.createElement('section');
      el.className = 'variant';
      el.setAttribute('data-section', m.section);
      var h = document.createElement('h2');
      h.textContent = m.title;
      var g = document.createElement('div');
      g.className = 'grid';
      el.appendChild(h);
      el.appendChild(g);
      document.getElementById('sections').appendChild(el);
    },
    chart: function (m) {
      var config = m.spec.config;
      config.options.responsive = true;
      config.options.maintainAspectRatio = false;
      // A chart rebuilt mid-run (a new instance's RSS line) keeps its section's time axis.
      var range = ranges[m.section];
      if (range) { config.options.scales.x.min = range.min; config.options.scales.x.max = range.max; }
      var old = charts[m.spec.name];
      var canvas;
      if (old) { canvas = old.chart.canvas; old.chart.destroy(); }
      else {
        var figure = document.createElement('figure');
        figure.className = 'chart';
        var box = document.createElement('div');
        box.className = 'box';
        canvas = document.createElement('canvas');
        canvas.id = 'chart-' + m.spec.name;
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', m.spec.title);
        box.appendChild(canvas);
        figure.appendChild(box);
        grid(m.section).appendChild(figure);
      }
      charts[m.spec.name] = { section: m.section, chart: new Chart(canvas, config) };
      stats.charts += 1;
    },
    points: function (m) {
      var entry = charts[m.chart];
      if (!entry) return;
      var data = entry.chart.data.datasets[m.dataset].data;
      data.splice.apply(data, [m.from, data.length - m.from].concat(m.points));
      stats.points += m.points.length;
      touch(m.chart);
    },
    markers: function (m) {
      var entry = charts[m.chart];
      if (!entry) return;
      entry.chart.options.plugins[MARKERS.id].markers = m.markers;
      touch(m.chart);
    },
    range: function (m) {
      ranges[m.section] = m;
      Object.keys(charts).forEach(function (name) {
        if (charts[name].section !== m.section) return;
        charts[name].chart.options.scales.x.min = m.min;
        charts[name].chart.options.scales.x.max = m.max;
        touch(name);
      });
    },
    status: function (m) { statusLine.textContent = m.text; },
    end: function (m) {
      // Closed before the server goes away, so the browser never retries a closed port.
      source.close();
      stats.ended = true;
      statusLine.textContent = m.text;
      document.body.classList.add('ended');
    }
  };
  var source = new EventSource('/events');
  source.onmessage = function (event) {
    var message = JSON.parse(event.data);
    stats.messages += 1;
    var handle = handlers[message.type];
    if (handle) handle(message);
  };
  source.onerror = function () {
    if (!stats.ended) statusLine.textContent = 'connection to the run lost';
  };
})();
`;

/** The whole page, titled with what is running. */
export function renderLivePage(title: string): string {
  const e = escapeXml;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>resilab live: ${e(title)}</title><style>${STYLE}</style></head>
<body><main>
<header><p class="kicker">resilab · live</p><h1>${e(title)}</h1>
<p class="what" id="status" aria-live="polite">connecting…</p></header>
<div id="sections"></div>
<section><p>Time axis: seconds from load start; markers: faults (solid red) and supervisor events (dashed: exit, restart, listening, reload). The full report is written when the run ends.</p></section>
</main>
<script>${chartJsUmd()}</script>
<script>var MARKERS = ${markersPluginSource()};${CLIENT}</script>
</body></html>
`;
}
