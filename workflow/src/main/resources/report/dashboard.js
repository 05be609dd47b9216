// Draws the dashboard from the JSON block #dashboard-data (written by the runner's report package).
// Every text goes in through textContent or as chart data: nothing from the data becomes markup.
// window.dashboardStatus says what each card drew, for the browser test (and for anyone curious).
(function () {
  'use strict';

  var status = { done: false, panels: [] };
  window.dashboardStatus = status;
  var charts = [];

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  /** Data items that have a visible graphic: what the chart really drew. */
  function countMarks(chart) {
    var marks = 0;
    chart.getModel().eachSeries(function (series) {
      var data = series.getData();
      data.each(function (index) {
        var graphic = data.getItemGraphicEl(index);
        if (graphic && !graphic.invisible && !graphic.ignore) {
          marks++;
        }
      });
    });
    return marks;
  }

  function drawChart(card, panel, entry) {
    var box = element('div', 'chart');
    box.style.height = panel.height + 'px';
    card.appendChild(box);
    var chart = echarts.init(box, null, { renderer: 'svg' });
    charts.push(chart);
    chart.setOption(panel.option);
    entry.marks = countMarks(chart);
    entry.shapes = box.querySelectorAll('svg path, svg rect, svg circle, svg polyline, svg polygon').length;
    entry.state = entry.marks > 0 ? 'drawn' : 'blank';
    if (entry.marks === 0) {
      console.error('dashboard: the chart "' + panel.title + '" drew no marks');
    }
  }

  function drawTable(card, panel, entry) {
    var wrap = element('div', 'table-wrap');
    var table = element('table');
    var head = element('thead');
    var headRow = element('tr');
    panel.columns.forEach(function (column, i) {
      var cell = element('th', panel.numeric[i] ? 'num' : null, column);
      cell.scope = 'col';
      headRow.appendChild(cell);
    });
    head.appendChild(headRow);
    var body = element('tbody');
    panel.rows.forEach(function (row) {
      var tr = element('tr');
      row.forEach(function (value, i) {
        var cell = element('td', panel.numeric[i] ? 'num' : null, value === null ? '' : value);
        if (value !== null) {
          cell.title = String(value);
        }
        tr.appendChild(cell);
      });
      body.appendChild(tr);
    });
    table.appendChild(head);
    table.appendChild(body);
    wrap.appendChild(table);
    card.appendChild(wrap);
    entry.marks = body.rows.length;
    entry.state = entry.marks > 0 ? 'drawn' : 'blank';
  }

  function drawPanel(container, panel) {
    var card = element('section', 'card ' + panel.kind + (panel.wide ? ' wide' : ''));
    card.id = panel.id;
    card.dataset.kind = panel.kind;
    card.appendChild(element('h2', null, panel.title));
    if (panel.subtitle) {
      card.appendChild(element('p', 'subtitle', panel.subtitle));
    }
    container.appendChild(card);
    var entry = { id: panel.id, kind: panel.kind, expected: panel.points, marks: 0, shapes: 0, state: 'pending' };
    status.panels.push(entry);
    try {
      if (panel.kind === 'chart') {
        drawChart(card, panel, entry);
      } else if (panel.kind === 'table') {
        drawTable(card, panel, entry);
      } else {
        card.appendChild(element('p', 'message', panel.message));
        entry.message = panel.message;
        entry.state = panel.kind;
      }
    } catch (e) {
      entry.state = 'error';
      entry.message = 'This card could not be drawn: ' + (e && e.message ? e.message : String(e));
      card.classList.add('error');
      card.appendChild(element('p', 'message', entry.message));
      console.error('dashboard: ' + panel.id + ': ' + entry.message);
    }
    card.dataset.state = entry.state;
    if (panel.footnote) {
      card.appendChild(element('p', 'footnote', panel.footnote));
    }
  }

  var data = JSON.parse(document.getElementById('dashboard-data').textContent);
  var snapshots = data.snapshots.length === 0 ? 'no snapshot listed'
    : data.snapshots.length === 1 ? '1 snapshot: ' + data.snapshots[0]
      : data.snapshots.length + ' snapshots: ' + data.snapshots[0] + ' .. ' + data.snapshots[data.snapshots.length - 1];
  document.getElementById('meta').textContent =
    'Generated ' + data.generated + ' from ' + data.source + ' · ' + snapshots;
  document.getElementById('about').textContent = data.about;
  var container = document.getElementById('panels');
  data.panels.forEach(function (panel) {
    drawPanel(container, panel);
  });
  window.addEventListener('resize', function () {
    charts.forEach(function (chart) {
      chart.resize();
    });
  });
  status.done = true;
  document.documentElement.dataset.rendered = 'true';
})();
