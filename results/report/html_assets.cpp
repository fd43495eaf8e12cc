#include "results/report/html_assets.h"

namespace tlsc::results {

const std::string_view kHtmlReportCss = R"CSS(
body { font: 14px/1.4 system-ui, sans-serif; margin: 1em 2em; color: #222; }
h1 { font-size: 1.4em; margin: 0 0 .3em; }
h2 { font-size: 1.1em; margin: .8em 0 .3em; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
#run-meta table { border-collapse: collapse; font-size: .9em; }
#run-meta th, #run-meta td { border: 1px solid #ddd; padding: 2px 8px; text-align: left; }
#run-meta thead th { background: #f4f4f4; }
#run-meta td.run, #run-meta td.seed { font-family: ui-monospace, monospace; }
#run-meta td.unrecorded { color: #666; font-style: italic; }
#generated { color: #555; font-size: .9em; }
#legend ul { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(26em, 1fr)); gap: .2em 1.5em; }
#legend li { font-size: .9em; }
.mark { display: inline-block; min-width: 2.2em; text-align: center; font-family: system-ui, sans-serif; font-size: 1.1em; border: 1px solid #ccc; border-radius: 3px; }
.mark.blank { background: #fff; height: 1.1em; vertical-align: middle; }
#filters { margin: .8em 0 .4em; display: flex; gap: 1.2em; flex-wrap: wrap; align-items: center; }
#status { color: #555; margin: .3em 0; }
#counts { margin: .3em 0 .8em; display: flex; gap: .6em; flex-wrap: wrap; }
#counts .count { padding: 1px 8px; border: 1px solid #ccc; border-radius: 3px; }
#layout { display: flex; gap: 1.5em; align-items: flex-start; }
#matrix { border-collapse: collapse; }
#matrix th, #matrix td { border: 1px solid #ddd; padding: 2px 6px; }
#matrix thead th { background: #f4f4f4; font-weight: 600; vertical-align: bottom; }
#matrix thead th.col { padding: 4px 2px; }
#matrix thead .vhead { writing-mode: vertical-rl; transform: rotate(180deg); max-height: 17em; white-space: normal; text-align: left; line-height: 1.2; }
#matrix tr.fam th { background: #eef2f7; text-align: left; }
#matrix td.sc { font-family: ui-monospace, monospace; white-space: nowrap; }
#matrix td.clause { color: #666; white-space: nowrap; font-size: .9em; }
#matrix td.cell { text-align: center; font-family: system-ui, sans-serif; font-size: 1.15em; cursor: pointer; min-width: 1.8em; }
#matrix td.cell.off { color: transparent; background: #fafafa; cursor: default; }
#matrix td.cell.sel { outline: 2px solid #000; }
.v-pass { background: #d9f2d9; color: #145214; } .v-fail { background: #f8c8c8; color: #8a0000; font-weight: bold; }
.v-warn { background: #fbeab0; color: #6b5000; } .v-skip { background: #eee; color: #666; }
.v-error { background: #e8c8f0; color: #5a0a70; font-weight: bold; } .v-xfail { background: #d6eef5; color: #0b4f63; }
.v-xpass { background: #f8c8c8; color: #8a0000; font-weight: bold; }
.hidecol { display: none; }
#matrix tfoot th { text-align: left; font-weight: normal; font-size: .85em; white-space: nowrap; }
#matrix tfoot td { font-size: .85em; color: #444; text-align: center; }
#matrix tfoot td.zero { color: #bbb; }
#matrix tfoot tr.total td, #matrix tfoot tr.total th { font-weight: 600; border-top: 2px solid #bbb; }
#chart-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(24em, 1fr)); gap: 1em; }
.chart { border: 1px solid #ddd; padding: .4em .8em; background: #fcfcfc; }
.chart h3 { font-size: .95em; margin: .2em 0 .4em; }
.chart .crow { display: grid; grid-template-columns: 7em 1fr 9em; gap: .5em; align-items: center; margin: 2px 0; font-size: .85em; }
.chart .fam { font-family: ui-monospace, monospace; overflow: hidden; text-overflow: ellipsis; }
.chart .bar { display: flex; height: 1.3em; border: 1px solid #bbb; background: #fff; }
.chart .seg { display: block; overflow: hidden; text-align: center; font-size: .9em; line-height: 1.6em; white-space: nowrap; }
.chart .seg + .seg { border-left: 1px solid #fff; }
.chart .txt { font-family: ui-monospace, monospace; white-space: nowrap; }
.chart .none { color: #888; font-style: italic; }
#detail { position: sticky; top: 1em; max-width: 40em; border: 1px solid #ccc; padding: .6em 1em; background: #fcfcfc; }
#detail h2 { font-size: 1.1em; margin: .2em 0; word-break: break-all; }
#detail dt { font-weight: 600; margin-top: .4em; }
#detail dd { margin: 0 0 0 1em; }
#detail pre { white-space: pre-wrap; word-break: break-all; background: #f4f4f4; padding: .4em; }
)CSS";

// Top-level functions, each small; the verdicts (names, marks, meanings) come from the page data,
// which takes them from the one table in verdict_style.h.
const std::string_view kHtmlReportJs = R"JS(
'use strict';
var data = JSON.parse(document.getElementById('tlsc-data').textContent);
var STYLE = {};
data.verdicts.forEach(function (v) { STYLE[v.name] = v; });
var FILTERS = ['family', 'iut', 'role', 'verdict'];
var table = document.getElementById('matrix');
var cells = [];  // one per result: { td, r, idx, ci, col, tr, fr }
var footCells = [];  // { td, ci, verdict } (verdict '' for the total row)

function el(tag, attrs, text) {
  var e = document.createElement(tag);
  for (var k in (attrs || {})) e.setAttribute(k, attrs[k]);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function uniq(list) { var s = []; list.forEach(function (x) { if (s.indexOf(x) < 0) s.push(x); }); return s; }
// A verdict as a symbol (seen) and its name (read by screen readers, and in the tooltip).
function markInto(parent, verdict) {
  parent.appendChild(el('span', { 'aria-hidden': 'true' }, STYLE[verdict] ? STYLE[verdict].mark : '?'));
  parent.appendChild(el('span', { 'class': 'sr' }, ' ' + verdict));
  return parent;
}
function fillSelect(id, values) {
  var sel = document.getElementById(id);
  sel.appendChild(el('option', { value: '' }, 'all'));
  values.forEach(function (v) { sel.appendChild(el('option', { value: v }, v)); });
  sel.addEventListener('change', function () { writeHash(); apply(); });
}
function buildHead() {
  var thead = el('thead'), hr = el('tr');
  hr.appendChild(el('th', {}, 'scenario'));
  hr.appendChild(el('th', {}, 'RFC clause'));
  data.columns.forEach(function (c, i) {
    var th = el('th', { 'class': 'col', 'data-col': i, title: c.label + ' (' + c.version + ', ' + c.config + ')' });
    th.appendChild(el('div', { 'class': 'vhead' }, c.head));  // long versions wrap onto a second line
    hr.appendChild(th);
  });
  thead.appendChild(hr);
  table.appendChild(thead);
}
function buildCell(tr, fr, idx, ci) {
  if (idx === null) { tr.appendChild(el('td', { 'class': 'blank', 'data-col': ci })); return; }
  var r = data.results[idx];
  var td = el('td', { 'class': 'cell v-' + r.verdict, 'data-col': ci, 'data-r': idx,
                      title: r.verdict + ': ' + (r.diagnosis || r.reason || '') });
  markInto(td, r.verdict);
  td.addEventListener('click', function () { if (!td.classList.contains('off')) show(idx, td); });
  tr.appendChild(td);
  cells.push({ td: td, r: r, idx: idx, ci: ci, col: data.columns[ci], tr: tr, fr: fr });
}
function buildBody() {
  var tbody = el('tbody');
  data.families.forEach(function (fam) {
    var fr = el('tr', { 'class': 'fam', 'data-family': fam.name });
    fr.appendChild(el('th', { colspan: 2 + data.columns.length },
                      fam.name + (fam.clauses.length ? '  (' + fam.clauses.join(', ') + ')' : '')));
    tbody.appendChild(fr);
    fam.rows.forEach(function (ri) {
      var row = data.rows[ri];
      var tr = el('tr', { 'class': 'row', 'data-family': fam.name });
      tr.appendChild(el('td', { 'class': 'sc' }, row.scenario));
      tr.appendChild(el('td', { 'class': 'clause' }, row.clause));
      data.cells[ri].forEach(function (idx, ci) { buildCell(tr, fr, idx, ci); });
      tbody.appendChild(tr);
    });
  });
  table.appendChild(tbody);
}
// One row per verdict and a total row; apply() fills in the counts of the shown results.
function buildFoot() {
  var tfoot = el('tfoot');
  data.verdicts.map(function (v) { return v.name; }).concat(['']).forEach(function (name) {
    var tr = el('tr', { 'class': name ? 'vcount' : 'total' });
    var th = el('th', { colspan: 2 });
    if (name) markInto(th, name).appendChild(document.createTextNode(' ' + name)); else th.textContent = 'shown';
    tr.appendChild(th);
    data.columns.forEach(function (c, ci) {
      var td = el('td', { 'data-col': ci, 'data-verdict': name });
      tr.appendChild(td);
      footCells.push({ td: td, ci: ci, verdict: name });
    });
    tfoot.appendChild(tr);
  });
  table.appendChild(tfoot);
}
function filters() {
  var f = {};
  FILTERS.forEach(function (k) { f[k] = document.getElementById('f-' + k).value; });
  return f;
}
function writeHash() {
  var f = filters(), parts = [];
  FILTERS.forEach(function (k) { if (f[k]) parts.push(k + '=' + encodeURIComponent(f[k])); });
  history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search);
}
function readHash() {
  var h = location.hash.replace(/^#/, '');
  FILTERS.forEach(function (k) { document.getElementById('f-' + k).value = ''; });
  h.split('&').forEach(function (kv) {
    var i = kv.indexOf('='); if (i < 0) return;
    var k = kv.slice(0, i), v = decodeURIComponent(kv.slice(i + 1));
    var sel = FILTERS.indexOf(k) >= 0 && document.getElementById('f-' + k);
    if (sel && Array.prototype.some.call(sel.options, function (o) { return o.value === v; })) sel.value = v;
  });
}
function columnShown(c, f) { return (!f.iut || c.iut === f.iut) && (!f.role || c.role === f.role); }
function matches(x, f) {
  return (!f.family || x.r.scenario.split('.')[0] === f.family) && columnShown(x.col, f) &&
         (!f.verdict || x.r.verdict === f.verdict);
}
function apply() {
  var f = filters(), shown = [];
  var rowShown = new Map(), famShown = new Map();
  cells.forEach(function (x) {
    var on = matches(x, f);
    x.td.className = 'cell v-' + x.r.verdict + (on ? '' : ' off');
    if (on) { shown.push(x); rowShown.set(x.tr, true); famShown.set(x.fr, true); }
  });
  cells.forEach(function (x) { x.tr.hidden = !rowShown.get(x.tr); x.fr.hidden = !famShown.get(x.fr); });
  data.columns.forEach(function (c, i) {
    var hide = !columnShown(c, f);
    table.querySelectorAll('[data-col="' + i + '"]').forEach(function (e) { e.classList.toggle('hidecol', hide); });
  });
  var st = document.getElementById('status');
  st.setAttribute('data-shown', shown.length);
  st.setAttribute('data-total', cells.length);
  st.textContent = shown.length + ' of ' + cells.length + ' results shown' +
                   (shown.length < cells.length ? ' (the counts and charts below count only these)' : '');
  updateCounts(shown);
  drawCharts(shown, f);
}
function tally(list) {
  var n = {};
  data.verdicts.forEach(function (v) { n[v.name] = 0; });
  list.forEach(function (x) { n[x.r.verdict]++; });
  return n;
}
function updateCounts(shown) {
  var total = tally(shown), p = document.getElementById('counts');
  p.textContent = '';
  data.verdicts.forEach(function (v) {
    var s = el('span', { 'class': 'count v-' + v.name, 'data-verdict': v.name, 'data-n': total[v.name] });
    markInto(s, v.name).appendChild(document.createTextNode(' ' + v.name + ' ' + total[v.name]));
    p.appendChild(s);
  });
  var perCol = data.columns.map(function (c, ci) { return tally(shown.filter(function (x) { return x.ci === ci; })); });
  footCells.forEach(function (fc) {
    var t = perCol[fc.ci], n = fc.verdict ? t[fc.verdict] : Object.keys(t).reduce(function (a, k) { return a + t[k]; }, 0);
    fc.td.setAttribute('data-n', n);
    fc.td.textContent = String(n);
    fc.td.classList.toggle('zero', n === 0);
  });
}
// One chart per shown column: a stacked bar per family of the shown results' verdicts.
function drawCharts(shown, f) {
  var grid = document.getElementById('chart-grid');
  grid.textContent = '';
  data.columns.forEach(function (c, ci) {
    if (!columnShown(c, f)) return;
    var box = el('div', { 'class': 'chart', 'data-col': ci });
    box.appendChild(el('h3', {}, c.head));
    var mine = shown.filter(function (x) { return x.ci === ci; });
    data.families.forEach(function (fam) {
      var list = mine.filter(function (x) { return x.r.scenario.split('.')[0] === fam.name; });
      if (list.length) box.appendChild(chartRow(ci, fam.name, list));
    });
    if (!mine.length) box.appendChild(el('p', { 'class': 'none' }, 'no results shown'));
    grid.appendChild(box);
  });
}
function chartRow(ci, family, list) {
  var n = tally(list), row = el('div', { 'class': 'crow' }), parts = [], short = [];
  data.verdicts.forEach(function (v) {
    if (n[v.name]) { parts.push(n[v.name] + ' ' + v.name); short.push(n[v.name] + v.mark); }
  });
  row.appendChild(el('span', { 'class': 'fam', title: family }, family));
  var bar = el('div', { 'class': 'bar', role: 'img', 'aria-label': family + ': ' + parts.join(', ') });
  data.verdicts.forEach(function (v) {
    if (!n[v.name]) return;
    var seg = el('span', { 'class': 'seg v-' + v.name, 'data-col': ci, 'data-family': family, 'data-verdict': v.name,
                           'data-n': n[v.name], title: n[v.name] + ' ' + v.name }, v.mark);
    seg.style.width = (100 * n[v.name] / list.length) + '%';
    bar.appendChild(seg);
  });
  row.appendChild(bar);
  row.appendChild(el('span', { 'class': 'txt', 'aria-hidden': 'true', title: parts.join(', ') }, short.join(' ')));
  return row;
}
function show(idx, td) {
  var r = data.results[idx], d = document.getElementById('detail');
  table.querySelectorAll('td.sel').forEach(function (e) { e.classList.remove('sel'); });
  td.classList.add('sel');
  d.textContent = '';
  d.appendChild(el('h2', {}, r.scenario));
  var dl = el('dl');
  function item(k, v) { if (v === undefined || v === null || v === '') return; dl.appendChild(el('dt', {}, k)); var dd = el('dd'); if (v instanceof Node) dd.appendChild(v); else dd.textContent = String(v); dl.appendChild(dd); }
  item('IUT', r.iut + ' ' + r.iut_version + ' (' + r.iut_config + '), IUT is ' + r.role);
  item('verdict', r.verdict + (STYLE[r.verdict] ? ': ' + STYLE[r.verdict].meaning : ''));
  item('reason', r.reason);
  item('deviation', r.deviation);
  item('diagnosis', r.diagnosis);
  (r.rfc || []).forEach(function (ref) {
    item('RFC ' + ref.rfc + ' ' + ref.section + ' ' + ref.level, ref.requirement + (ref.interpretation ? ' (interpretation: ' + ref.interpretation + ')' : ''));
  });
  if (r.observations && Object.keys(r.observations).length) item('observations', el('pre', {}, JSON.stringify(r.observations, null, 2)));
  if ((r.transcripts || []).length) {
    var ul = el('ul');
    r.transcripts.forEach(function (t) { var li = el('li'); li.appendChild(el('a', { href: t }, t)); ul.appendChild(li); });
    item('transcripts', ul);
  }
  item('seed', r.seed);
  item('duration', r.duration_s + ' s');
  item('run', r.run_id);
  d.appendChild(dl);
}
// #result=N opens the detail pane of result N (a link to one result, and what the tests read).
function openFromHash() {
  var m = /(?:^#|&)result=(\d+)/.exec(location.hash);
  var hit = m && cells.filter(function (x) { return x.idx === Number(m[1]); })[0];
  if (hit) show(hit.idx, hit.td);
}
fillSelect('f-family', data.families.map(function (f) { return f.name; }));
fillSelect('f-iut', uniq(data.columns.map(function (c) { return c.iut; })));
fillSelect('f-role', uniq(data.columns.map(function (c) { return c.role; })));
fillSelect('f-verdict', data.verdicts.map(function (v) { return v.name; }));
buildHead();
buildBody();
buildFoot();
readHash();
apply();
openFromHash();
window.addEventListener('hashchange', function () { readHash(); apply(); openFromHash(); });
document.body.setAttribute('data-ready', '1');
)JS";

}  // namespace tlsc::results
