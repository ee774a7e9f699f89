// The HTML report's stylesheet and script, inlined into every page (no file beside it).
#include "report/document/html_assets.hpp"

namespace zoning::report::document {

const char* const kHtmlFontFallbacks =
    "\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",\"PingFang SC\",\"SimHei\",sans-serif";

const char* const kHtmlCss = R"CSS(:root{--rule:#969696;--head:#e8ecf2;--note:#505050}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#e9ecf0;color:#000;font-size:10pt;line-height:1.45}
.doc{max-width:216mm;margin:8px auto;background:#fff;padding:14mm 18mm 18mm;box-shadow:0 0 6px rgba(0,0,0,.18)}
.cover{text-align:center;margin:24mm 0 12mm}
.cover h1{font-size:24pt;margin:0 0 6pt;letter-spacing:.05em}
.cover .project{font-size:15pt;margin:0}
h2{font-size:14pt;margin:18pt 0 6pt}
h3{font-size:10.5pt;margin:12pt 0 4pt}
p{margin:0 0 6pt}
p.small{font-size:8pt;color:var(--note)}
dl.fields{margin:0 0 10pt 10mm;font-size:11pt}
dl.fields div{display:flex;margin:0 0 4pt}
dl.fields dt{font-weight:bold;width:32mm;flex:none}
dl.fields dd{margin:0}
.banner{margin:6mm 25mm 10mm;border:2px solid #000;text-align:center;padding:8pt 0 10pt}
.banner .caption{font-weight:bold;color:var(--note);font-size:11pt}
.banner .verdict{font-weight:bold;font-size:40pt;line-height:1.25}
.opinion{margin:0 0 10mm;border:1px solid #000;padding:6pt 10pt 4pt;break-inside:avoid}
.opinion .caption{font-weight:bold;font-size:11pt;margin:0 0 4pt}
.opinion-text{font-size:10pt;line-height:1.6;min-height:3em}
.opinion-text p{margin:0 0 4pt;text-indent:2em}
.opinion-text:focus{outline:2px solid #0a5cff;outline-offset:3px}
.opinion>p.small{margin:4pt 0 0}
table.data{border-collapse:collapse;width:100%;margin:0 0 10pt;font-size:7.8pt;table-layout:fixed}
table.data caption{text-align:left;font-weight:bold;font-size:9.5pt;padding:0 0 3pt}
table.data th{background:var(--head);font-size:7.5pt;text-align:left;border-top:.7pt solid var(--rule);border-bottom:.7pt solid var(--rule)}
table.data th,table.data td{padding:1.6pt 2.5pt;vertical-align:top;overflow-wrap:anywhere}
table.data td{border-bottom:.3pt solid var(--rule)}
table.data .r{text-align:right}
table.data tr.sub td{font-weight:bold}
table.data td.v{font-weight:bold}
tr[data-part]{cursor:pointer}
tr[data-part]:hover td{background:#eef4ff}
tr.sel td{background:#ffe28a}
.signature{display:flex;margin:12mm 0 4mm;font-size:11pt;break-inside:avoid}
.signature div{flex:1;display:flex;align-items:flex-end;padding-right:6mm}
.signature .k{font-weight:bold;white-space:nowrap}
.signature .line{flex:1;border-bottom:.6pt solid #000;min-height:1.5em;padding-left:2mm}
.map-page{margin:14pt 0}
.map-body{display:flex;flex-wrap:wrap;gap:3mm 4mm;align-items:flex-start}
.map-wrap{position:relative;flex:1 1 100%;min-width:0;border:1px solid #000;background:#fff}
#map{display:block;width:100%;height:auto;cursor:grab;touch-action:none;user-select:none;-webkit-user-select:none}
#map.drag{cursor:grabbing}
#map path{vector-effect:non-scaling-stroke;fill-rule:evenodd}
#map defs path{vector-effect:none}
#map .bg{fill:#fff}
#map .part{stroke-width:1.3px;cursor:pointer}
#map .part:hover{stroke-width:2.2px}
#map .part.sel{stroke:#0a5cff!important;stroke-width:3px}
#map .fp,#map #grid,#map #scalebar,#map #conflicts,#map #rings{pointer-events:none}
#map .conflict.d1{stroke-width:4px;stroke-linecap:round}
#map .conflict.d0{stroke-width:9px;stroke-linecap:round}
#map #rings circle{fill:none;stroke-width:1.2px;vector-effect:non-scaling-stroke}
#map #grid line{stroke:rgba(60,60,60,.6);stroke-width:.6px;vector-effect:non-scaling-stroke}
#map text{fill:#282828;paint-order:stroke;stroke:rgba(255,255,255,.9);stroke-linejoin:round;pointer-events:none}
#map #scalebar rect{stroke:#000;vector-effect:non-scaling-stroke;stroke-width:.8px}
.map-tools{position:absolute;bottom:8px;right:8px;display:flex;flex-direction:column;gap:3px}
.map-tools button{width:26px;height:26px;font:inherit;font-size:15px;line-height:1;background:#fff;border:1px solid #888;border-radius:3px;cursor:pointer;padding:0}
.map-tools button:hover{background:#eef4ff}
.north{position:absolute;top:6px;right:8px;text-align:center;font-weight:bold;font-size:10pt;line-height:1.05;pointer-events:none;text-shadow:0 0 3px #fff}
ul.legend{list-style:none;margin:0;padding:0;font-size:8pt;flex:1 1 100%;columns:3 48mm}
ul.legend li{display:flex;align-items:center;gap:5px;margin:0 0 3px;break-inside:avoid}
ul.legend li.legend-title{font-weight:bold;font-size:9.5pt;column-span:all}
ul.legend .swatch{flex:none}
@media print{
body{background:none}
.doc{max-width:none;margin:0;padding:0;box-shadow:none}
.screen-only,.map-tools{display:none}
.page-break{break-after:page}
.map-page+.page-break{display:none}
thead{display:table-header-group}
tr{break-inside:avoid}
h2,h3,table.data caption{break-after:avoid}
.banner,.signature,dl.fields div{break-inside:avoid}
tr.sel td{background:none}
.map-page{page:map;margin:0}
.map-page h2{margin:0 0 4pt}
.map-body{flex-wrap:nowrap}
.map-wrap{flex:none}
ul.legend{flex:1 1 auto;columns:auto}
}
)CSS";

const char* const kHtmlScript = R"JS((function () {
  'use strict';
  var svg = document.getElementById('map');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-part]'));
  var parts = svg ? Array.prototype.slice.call(svg.querySelectorAll('[data-part]')) : [];
  function same(label) { return function (e) { return e.getAttribute('data-part') === label; }; }
  var show = function () {};  // brings a part into the map's view (set below when there is a map)

  // A conflict part and its rows, selected together.
  function select(label, fromMap) {
    rows.concat(parts).forEach(function (e) { e.classList.remove('sel'); });
    var r = rows.filter(same(label)), p = parts.filter(same(label));
    r.concat(p).forEach(function (e) { e.classList.add('sel'); });
    p.forEach(function (e) { e.parentNode.appendChild(e); });  // on top of the others
    if (fromMap && r.length) r[0].scrollIntoView({block: 'center'});
  }
  rows.forEach(function (r) {
    r.addEventListener('click', function () { select(r.getAttribute('data-part'), false); show(r.getAttribute('data-part')); });
    r.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(r.getAttribute('data-part'), false); show(r.getAttribute('data-part')); }
    });
  });
  if (!svg) return;

  var NS = 'http://www.w3.org/2000/svg';
  var init = svg.getAttribute('viewBox').split(/[\s,]+/).map(Number);
  var vb = init.slice();
  var Y0 = Number(svg.getAttribute('data-origin-y')), X0 = Number(svg.getAttribute('data-origin-x'));
  var step0 = Number(svg.getAttribute('data-step')) || 1000;

  // 1, 2 or 5 × 10^n: the nearest at or above v, or at or below it.
  function niceUp(v) { var p = Math.pow(10, Math.floor(Math.log10(v))), m = v / p; return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p; }
  function niceDown(v) { var p = Math.pow(10, Math.floor(Math.log10(v))), m = v / p; return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p; }
  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function clear(g) { while (g.firstChild) g.removeChild(g.firstChild); }
  // As the PDF's grid labels: "4428" at a step of a kilometre or more, "4428.0", "4428.1" at
  // 100 m, and one decimal more for each tenth of that.
  function km(v, step) {
    var d = step >= 1000 ? 0 : step >= 100 ? 1 : step >= 10 ? 2 : 3;
    return (v / 1000).toFixed(d);
  }

  // The 公里网: the PDF's step at the first view, scaled with the zoom; Y (easting) along the
  // top, X (northing) down the left side, the letter on the first label, in kilometres.
  function grid() {
    var g = document.getElementById('grid');
    clear(g);
    var step = Math.max(niceUp(step0 * vb[2] / init[2] * 0.999), 1);
    var fs = vb[2] / 90, x0 = vb[0], y0 = vb[1], x1 = vb[0] + vb[2], y1 = vb[1] + vb[3];
    var first = true, v, x, y;
    for (v = Math.ceil((Y0 + x0) / step) * step; v <= Y0 + x1; v += step) {
      x = v - Y0;
      g.appendChild(el('line', {x1: x, y1: y0, x2: x, y2: y1}));
      if (x > x0 + vb[2] * 0.04 && x < x1 - vb[2] * 0.08) {
        g.appendChild(el('text', {x: x + fs * 0.25, y: y0 + fs * 1.1, 'font-size': fs, 'stroke-width': fs * 0.25}, (first ? 'Y=' : '') + km(v, step)));
        first = false;
      }
    }
    first = true;
    for (v = Math.floor((X0 - y0) / step) * step; v >= X0 - y1; v -= step) {
      y = X0 - v;
      g.appendChild(el('line', {x1: x0, y1: y, x2: x1, y2: y}));
      if (y > y0 + vb[3] * 0.06 && y < y1 - vb[3] * 0.1) {
        g.appendChild(el('text', {x: x0 + fs * 0.4, y: y - fs * 0.25, 'font-size': fs, 'stroke-width': fs * 0.25}, (first ? 'X=' : '') + km(v, step)));
        first = false;
      }
    }
  }

  // A scale bar in map units (so that it stays true when printed), bottom left.
  function scalebar() {
    var g = document.getElementById('scalebar');
    clear(g);
    var len = niceDown(vb[2] / 5), fs = vb[2] / 90, h = fs * 0.45;
    var x = vb[0] + vb[2] * 0.03, y = vb[1] + vb[3] * 0.965 - h;
    g.appendChild(el('rect', {x: x, y: y, width: len / 2, height: h, fill: '#000'}));
    g.appendChild(el('rect', {x: x + len / 2, y: y, width: len / 2, height: h, fill: '#fff'}));
    var t = len >= 1000 ? (len / 1000) + ' ' + svg.getAttribute('data-unit-km') : len + ' ' + svg.getAttribute('data-unit-m');
    g.appendChild(el('text', {x: x + len + fs * 0.4, y: y + h, 'font-size': fs, 'stroke-width': fs * 0.25}, t));
  }

  // A part selected from its row and outside the view: the view moves to it (same zoom).
  show = function (label) {
    var p = parts.filter(same(label))[0];
    if (!p) return;
    var b = p.getBBox();
    if (b.x >= vb[0] && b.y >= vb[1] && b.x + b.width <= vb[0] + vb[2] && b.y + b.height <= vb[1] + vb[3]) return;
    vb = [b.x + b.width / 2 - vb[2] / 2, b.y + b.height / 2 - vb[3] / 2, vb[2], vb[3]];
    apply();
  };
  // The PDF's labels keep their size on the screen: anchored to their feature, the text and its
  // offset from the anchor scaled with the view.
  var mpm = Number(svg.getAttribute('data-mpm')) || 1;
  var labels = Array.prototype.slice.call(svg.querySelectorAll('#labels text'));
  function relabel() {
    var k = mpm * vb[2] / init[2];
    labels.forEach(function (t) {
      var n = function (a) { return Number(t.getAttribute(a)); };
      t.setAttribute('x', n('data-ax') + n('data-dx') * k);
      t.setAttribute('y', n('data-ay') + n('data-dy') * k);
      t.setAttribute('font-size', n('data-size') * k);
      t.setAttribute('stroke-width', 0.7 * k);
    });
  }
  function apply() {
    svg.setAttribute('viewBox', vb.join(' '));
    grid();
    scalebar();
    relabel();
  }
  // Map units per screen pixel and the map point under a client position (preserveAspectRatio meet).
  function perPx() { var r = svg.getBoundingClientRect(); return Math.max(vb[2] / r.width, vb[3] / r.height); }
  function at(cx, cy) {
    var r = svg.getBoundingClientRect(), s = perPx();
    return [vb[0] + (cx - r.left - (r.width - vb[2] / s) / 2) * s, vb[1] + (cy - r.top - (r.height - vb[3] / s) / 2) * s];
  }
  function zoom(f, cx, cy) {
    var w = vb[2] * f;
    if (w < 10 || w > init[2] * 10) return;
    var p = cx === undefined ? [vb[0] + vb[2] / 2, vb[1] + vb[3] / 2] : at(cx, cy);
    vb = [p[0] - (p[0] - vb[0]) * f, p[1] - (p[1] - vb[1]) * f, vb[2] * f, vb[3] * f];
    apply();
  }
  svg.addEventListener('wheel', function (e) {
    e.preventDefault();
    zoom(e.deltaY < 0 ? 1 / 1.25 : 1.25, e.clientX, e.clientY);
  }, {passive: false});

  // Drag to pan; a press released where it started is a click (on a part: select it).
  var down = null;
  svg.addEventListener('pointerdown', function (e) {
    if (e.button !== 0) return;
    down = {x: e.clientX, y: e.clientY, vb: vb.slice(), s: perPx(), moved: false, id: e.pointerId};
  });
  svg.addEventListener('pointermove', function (e) {
    if (!down) return;
    var dx = e.clientX - down.x, dy = e.clientY - down.y;
    if (!down.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!down.moved) { down.moved = true; svg.classList.add('drag'); try { svg.setPointerCapture(down.id); } catch (err) {} }
    vb = [down.vb[0] - dx * down.s, down.vb[1] - dy * down.s, vb[2], vb[3]];
    apply();
  });
  function up() {
    if (!down) return;
    if (!down.moved) {
      // The parts under the pointer, top first; a click where one is selected selects the next
      // below it (parts of different layers often cover each other).
      var stack = document.elementsFromPoint(down.x, down.y).filter(function (e) { return e.hasAttribute && e.hasAttribute('data-part'); });
      // In the order drawn at first, top first: raising the selected one must not change the cycle.
      stack.sort(function (a, b) { return parts.indexOf(b) - parts.indexOf(a); });
      if (stack.length) {
        var i = stack.findIndex(function (e) { return e.classList.contains('sel'); });
        select(stack[(i + 1) % stack.length].getAttribute('data-part'), true);
      }
    }
    svg.classList.remove('drag');
    down = null;
  }
  svg.addEventListener('pointerup', up);
  svg.addEventListener('pointercancel', function () { down = null; svg.classList.remove('drag'); });
  Array.prototype.forEach.call(document.querySelectorAll('.map-tools button'), function (b) {
    b.addEventListener('click', function () {
      var z = b.getAttribute('data-zoom');
      if (z === 'in') zoom(1 / 1.5);
      else if (z === 'out') zoom(1.5);
      else { vb = init.slice(); apply(); }
    });
  });
  apply();
})();
)JS";

}  // namespace zoning::report::document
