// The Insights charts. Every number drawn here is also written in the text
// beside its chart, so nothing depends on seeing the canvas.
(function () {
  "use strict";
  var source = document.getElementById("insights-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var css = getComputedStyle(document.documentElement);
  function colour(name, fallback) {
    return (css.getPropertyValue(name) || "").trim() || fallback;
  }
  var accent = colour("--accent", "#2f6f6a");
  var second = colour("--chart-2", "#b07a2a");
  var muted = colour("--muted", "#59606a");
  var border = colour("--border", "#dedcd5");
  var quiet = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  Chart.defaults.color = muted;
  Chart.defaults.borderColor = border;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.maintainAspectRatio = false;
  if (quiet) {
    Chart.defaults.animation = false;
  }

  var charts = {};
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) {
      charts[id.replace("chart-", "")] = new Chart(canvas, config);
    }
  }

  draw("chart-funnel", {
    type: "bar",
    data: {
      labels: data.funnel.labels,
      datasets: [
        { label: "Applications", data: data.funnel.counts, backgroundColor: accent, borderRadius: 4, maxBarThickness: 36 },
      ],
    },
    options: {
      indexAxis: "y",
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });

  var weekly = data.weekly;
  var goalLine = function (label, values, tint) {
    return {
      type: "line",
      label: label,
      data: values,
      borderColor: tint,
      borderDash: [6, 4],
      borderWidth: 2,
      pointRadius: 0,
      stepped: "middle",
      fill: false,
      spanGaps: false,
    };
  };
  var weeklySets = [
    { type: "bar", label: "Applications sent", data: weekly.applications, backgroundColor: accent, borderRadius: 3 },
    { type: "bar", label: "People reached", data: weekly.people, backgroundColor: second, borderRadius: 3 },
  ];
  if (weekly.goal_applications.some(function (v) { return v !== null; })) {
    weeklySets.push(goalLine("Goal: applications", weekly.goal_applications, accent));
  }
  if (weekly.goal_people.some(function (v) { return v !== null; })) {
    weeklySets.push(goalLine("Goal: people", weekly.goal_people, second));
  }
  draw("chart-weekly", {
    type: "bar",
    data: { labels: weekly.labels, datasets: weeklySets },
    options: {
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });

  var mood = data.mood;
  var start = new Date(mood.start + "T00:00:00");
  var dayLabel = function (offset) {
    var day = new Date(start.getTime());
    day.setDate(day.getDate() + Math.round(offset));
    return day.toLocaleDateString(undefined, { day: "numeric", month: "short" });
  };
  draw("chart-mood", {
    type: "line",
    data: {
      datasets: [
        {
          label: "Mood",
          data: mood.points,
          borderColor: accent,
          backgroundColor: accent,
          tension: 0.3,
          pointRadius: 4,
        },
        {
          type: "scatter",
          label: "A rejection",
          data: mood.rejections.map(function (r) { return { x: r.x, y: 0.75, company: r.company }; }),
          backgroundColor: second,
          borderColor: second,
          pointStyle: "triangle",
          pointRadius: 7,
        },
      ],
    },
    options: {
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            title: function (items) { return items.length ? dayLabel(items[0].parsed.x) : ""; },
            label: function (item) {
              if (item.raw && item.raw.company) { return "Heard no from " + item.raw.company; }
              return mood.words[item.parsed.y - 1] || "";
            },
          },
        },
      },
      scales: {
        x: {
          type: "linear",
          min: 0,
          max: mood.days,
          afterBuildTicks: function (axis) {
            // Every three weeks, counted back from today, so the labels never crowd.
            var ticks = [];
            for (var day = mood.days; day >= 0; day -= 21) { ticks.unshift({ value: day }); }
            axis.ticks = ticks;
          },
          ticks: { callback: dayLabel },
        },
        y: {
          min: 0.5,
          max: 5.5,
          afterBuildTicks: function (axis) {
            axis.ticks = [1, 2, 3, 4, 5].map(function (value) { return { value: value }; });
          },
          ticks: {
            stepSize: 1,
            callback: function (value) { return mood.words[value - 1] || ""; },
          },
        },
      },
    },
  });

  var themesCanvas = document.getElementById("chart-themes");
  if (themesCanvas) {
    // Room for each bar, not a tall empty box.
    themesCanvas.parentNode.style.height = 70 + 44 * Math.max(1, data.themes.counts.length) + "px";
  }
  draw("chart-themes", {
    type: "bar",
    data: {
      labels: data.themes.labels,
      datasets: [
        {
          label: "Times it came up",
          data: data.themes.counts,
          backgroundColor: second,
          borderRadius: 4,
          maxBarThickness: 28,
        },
      ],
    },
    options: {
      indexAxis: "y",
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });

  window.onwardCharts = charts;
})();
