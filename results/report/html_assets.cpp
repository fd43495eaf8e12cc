#include "results/report/html_assets.h"

namespace tlsc::results {

const std::string_view kHtmlReportCss = R"CSS(
body { font: 14px/1.4 system-ui, sans-serif; margin: 1em 2em; color: #222; }
h1 { font-size: 1.4em; margin: 0 0 .3em; }
#filters { margin: .6em 0; display: flex; gap: 1.2em; flex-wrap: wrap; align-items: center; }
#status { color: #555; margin: .3em 0 .8em; }
#layout { display: flex; gap: 1.5em; align-items: flex-start; }
#matrix { border-collapse: collapse; }
#matrix th, #matrix td { border: 1px solid #ddd; padding: 2px 6px; }
#matrix thead th { background: #f4f4f4; font-weight: 600; vertical-align: bottom; }
#matrix thead th.col { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
#matrix tr.fam th { background: #eef2f7; text-align: left; }
#matrix td.sc { font-family: ui-monospace, monospace; white-space: nowrap; }
#matrix td.clause { color: #666; white-space: nowrap; font-size: .9em; }
#matrix td.cell { text-align: center; font-family: ui-monospace, monospace; cursor: pointer; min-width: 1.4em; }
#matrix td.cell.off { color: transparent; background: #fafafa; cursor: default; }
#matrix td.cell.sel { outline: 2px solid #000; }
.v-pass { background: #d9f2d9; } .v-fail { background: #f8c8c8; font-weight: bold; }
.v-warn { background: #fbeab0; } .v-skip { background: #eee; color: #888; }
.v-error { background: #e8c8f0; font-weight: bold; } .v-xfail { background: #d6eef5; }
.v-xpass { background: #f8c8c8; font-weight: bold; }
.hidecol { display: none; }
tfoot td { font-size: .85em; color: #444; text-align: center; }
#detail { position: sticky; top: 1em; max-width: 40em; border: 1px solid #ccc; padding: .6em 1em; background: #fcfcfc; }
#detail h2 { font-size: 1.1em; margin: .2em 0; word-break: break-all; }
#detail dt { font-weight: 600; margin-top: .4em; }
#detail dd { margin: 0 0 0 1em; }
#detail pre { white-space: pre-wrap; word-break: break-all; background: #f4f4f4; padding: .4em; }
)CSS";

const std::string_view kHtmlReportJs = R"JS(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('tlsc-data').textContent);
  var CHAR = { pass: '.', fail: 'F', warn: 'W', skip: 's', error: 'E', xfail: 'x', xpass: 'X' };
  var VERDICTS = ['pass', 'fail', 'warn', 'skip', 'error', 'xfail', 'xpass'];
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in (attrs || {})) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function uniq(list) { var s = []; list.forEach(function (x) { if (s.indexOf(x) < 0) s.push(x); }); return s; }
  function fillSelect(id, values) {
    var sel = document.getElementById(id);
    sel.appendChild(el('option', { value: '' }, 'all'));
    values.forEach(function (v) { sel.appendChild(el('option', { value: v }, v)); });
    sel.addEventListener('change', function () { writeHash(); apply(); });
  }
  fillSelect('f-family', data.families.map(function (f) { return f.name; }));
  fillSelect('f-iut', uniq(data.columns.map(function (c) { return c.iut; })));
  fillSelect('f-verdict', VERDICTS);

  var table = document.getElementById('matrix');
  var thead = el('thead'), hr = el('tr');
  hr.appendChild(el('th', {}, 'scenario'));
  hr.appendChild(el('th', {}, 'RFC clause'));
  data.columns.forEach(function (c, i) {
    hr.appendChild(el('th', { 'class': 'col', 'data-col': i, title: c.label + ' (' + c.version + ', ' + c.config + ')' }, c.label));
  });
  thead.appendChild(hr);
  table.appendChild(thead);
  var tbody = el('tbody');
  var cells = [];
  data.families.forEach(function (fam) {
    var fr = el('tr', { 'class': 'fam', 'data-family': fam.name });
    var th = el('th', { colspan: 2 + data.columns.length }, fam.name + (fam.clauses.length ? '  (' + fam.clauses.join(', ') + ')' : ''));
    fr.appendChild(th);
    tbody.appendChild(fr);
    fam.rows.forEach(function (ri) {
      var row = data.rows[ri];
      var tr = el('tr', { 'class': 'row', 'data-family': fam.name });
      tr.appendChild(el('td', { 'class': 'sc' }, row.scenario));
      tr.appendChild(el('td', { 'class': 'clause' }, row.clause));
      data.cells[ri].forEach(function (idx, ci) {
        if (idx === null) { tr.appendChild(el('td', { 'class': 'blank', 'data-col': ci })); return; }
        var r = data.results[idx];
        var td = el('td', { 'class': 'cell v-' + r.verdict, 'data-col': ci, 'data-r': idx,
                            title: r.verdict + ': ' + (r.diagnosis || r.reason || '') }, CHAR[r.verdict] || '?');
        td.addEventListener('click', function () { if (!td.classList.contains('off')) show(idx, td); });
        tr.appendChild(td);
        cells.push({ td: td, r: r, col: data.columns[ci], tr: tr, fr: fr });
      });
      tbody.appendChild(tr);
    });
  });
  table.appendChild(tbody);
  var tfoot = el('tfoot'), ft = el('tr');
  ft.appendChild(el('td', { colspan: 2 }, 'fail / total'));
  data.columns.forEach(function (c, i) {
    var n = 0, f = 0;
    cells.forEach(function (x) { if (x.col === c) { n++; if (x.r.verdict === 'fail' || x.r.verdict === 'xpass') f++; } });
    ft.appendChild(el('td', { 'data-col': i }, f + '/' + n));
  });
  tfoot.appendChild(ft);
  table.appendChild(tfoot);

  function filters() {
    return { family: document.getElementById('f-family').value, iut: document.getElementById('f-iut').value,
             verdict: document.getElementById('f-verdict').value };
  }
  function writeHash() {
    var f = filters(), parts = [];
    ['family', 'iut', 'verdict'].forEach(function (k) { if (f[k]) parts.push(k + '=' + encodeURIComponent(f[k])); });
    history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search);
  }
  function readHash() {
    var h = location.hash.replace(/^#/, '');
    ['family', 'iut', 'verdict'].forEach(function (k) { document.getElementById('f-' + k).value = ''; });
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('='); if (i < 0) return;
      var k = kv.slice(0, i), v = decodeURIComponent(kv.slice(i + 1));
      var sel = document.getElementById('f-' + k);
      if (sel && Array.prototype.some.call(sel.options, function (o) { return o.value === v; })) sel.value = v;
    });
  }
  function apply() {
    var f = filters(), shown = 0;
    var rowShown = new Map(), famShown = new Map();
    cells.forEach(function (x) {
      var on = (!f.family || x.r.scenario.split('.')[0] === f.family) && (!f.iut || x.col.iut === f.iut) &&
               (!f.verdict || x.r.verdict === f.verdict);
      x.td.className = 'cell v-' + x.r.verdict + (on ? '' : ' off');
      if (on) { shown++; rowShown.set(x.tr, true); famShown.set(x.fr, true); }
    });
    cells.forEach(function (x) { x.tr.hidden = !rowShown.get(x.tr); x.fr.hidden = !famShown.get(x.fr); });
    data.columns.forEach(function (c, i) {
      var hide = !!f.iut && c.iut !== f.iut;
      table.querySelectorAll('[data-col="' + i + '"]').forEach(function (e) { e.classList.toggle('hidecol', hide); });
    });
    var st = document.getElementById('status');
    st.setAttribute('data-shown', shown);
    st.setAttribute('data-total', cells.length);
    st.textContent = shown + ' of ' + cells.length + ' results shown';
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
    item('verdict', r.verdict);
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
    var hit = m && cells.filter(function (x) { return x.r === data.results[Number(m[1])]; })[0];
    if (hit) show(Number(m[1]), hit.td);
  }
  readHash();
  apply();
  openFromHash();
  window.addEventListener('hashchange', function () { readHash(); apply(); openFromHash(); });
  document.body.setAttribute('data-ready', '1');
})();
)JS";

}  // namespace tlsc::results
