// Draws the charts described in #report-data with Chart.js, then records per canvas the number of points drawn
// (data-points) and in #report-status how many charts have points (data-drawn).
(function () {
  'use strict';
  var status = document.getElementById('report-status');
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var drawn = 0;

  function color(target) {
    return data.colors[target % data.colors.length];
  }

  function distinctX(spec) {
    var xs = [];
    spec.series.forEach(function (s) {
      s.points.forEach(function (p) {
        if (xs.indexOf(p[0]) < 0) xs.push(p[0]);
      });
    });
    return xs.sort(function (a, b) { return a - b; });
  }

  function dataset(spec, s) {
    var many = s.points.length > 60;
    var line = spec.type === 'line';
    return {
      label: s.label + ' ' + (s.secondary ? spec.secondary : spec.primary),
      data: s.points.map(function (p) { return {x: p[0], y: p[1]}; }),
      borderColor: color(s.target),
      backgroundColor: s.secondary ? 'rgba(0,0,0,0)' : color(s.target),
      borderDash: s.secondary && line ? [6, 4] : [],
      borderWidth: line ? 2 : 1,
      pointRadius: line ? (many ? 0 : 3) : 2.5,
      pointStyle: s.secondary ? 'triangle' : 'circle',
      showLine: line,
      tension: 0
    };
  }

  function config(spec) {
    var x = {type: spec.logX ? 'logarithmic' : 'linear', title: {display: true, text: spec.xTitle}};
    if (spec.logX) {
      var levels = distinctX(spec);
      x.afterBuildTicks = function (axis) {
        axis.ticks = levels.map(function (v) { return {value: v}; });
      };
      x.ticks = {callback: function (v) { return String(v); }};
    }
    return {
      type: spec.type,
      data: {datasets: spec.series.map(function (s) { return dataset(spec, s); })},
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          title: {display: true, text: spec.title, font: {size: 14}},
          legend: {position: 'bottom', labels: {usePointStyle: true, boxHeight: 6}}
        },
        scales: {x: x, y: {beginAtZero: true, title: {display: true, text: spec.yTitle}}}
      }
    };
  }

  data.charts.forEach(function (spec) {
    var canvas = document.getElementById('chart-' + spec.id);
    try {
      var chart = new Chart(canvas, config(spec));
      var points = 0;
      chart.data.datasets.forEach(function (d, i) {
        chart.getDatasetMeta(i).data.forEach(function (el) {
          if (isFinite(el.x) && isFinite(el.y)) points++;
        });
      });
      canvas.setAttribute('data-points', String(points));
      if (points > 0) drawn++;
    } catch (e) {
      window.reportError('chart ' + spec.id + ': ' + e.message);
    }
  });
  status.setAttribute('data-drawn', String(drawn));
})();
