// The daily chart (uPlot, served by this server from its npm package): one point per day
// of the span, views as bars on the left axis, video and ad revenue as lines on the right.
// A day without a row had no figures and shows as zero; today and later are left empty.
import * as format from "./format.js";
import { daysOf, today } from "./period.js";

const HEIGHT = 260;
const DAY = 86400;
// Ticks a day apart or more (never hours: a point is a whole day); from 28 days on, uPlot
// puts them on calendar months.
const DAY_TICKS = [1, 2, 3, 7, 14, 30, 60, 91, 182, 365].map((days) => days * DAY);
// Views are whole: ticks 1, 2, 5, 10, 20, 50, ... apart, never 2.5.
const WHOLE_TICKS = Array.from({ length: 13 }, (_, power) => [1, 2, 5].map((m) => m * 10 ** power)).flat();
let chart = null;
let resizer = null;

function data(from, to, rows) {
  const byDate = new Map(rows.map((row) => [row.date, row]));
  const first = today();  // no night has settled it yet
  const days = daysOf(from, to);
  const pick = (day, read) => (byDate.has(day) ? read(byDate.get(day)) : day >= first ? null : 0);
  return [
    days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000),
    days.map((day) => pick(day, (row) => row.views)),
    // Plotting only: the amounts are shown as the API wrote them everywhere else.
    days.map((day) => pick(day, (row) => Number(row.video_revenue))),
    days.map((day) => pick(day, (row) => Number(row.ad_revenue))),
  ];
}

function options(width, days) {
  const styles = getComputedStyle(document.documentElement);
  const color = (name) => styles.getPropertyValue(name).trim();
  return {
    width,
    height: HEIGHT,
    // Dates are calendar days: shown as UTC so that no time zone moves them.
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), "Etc/UTC"),
    legend: { live: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      // The span's days, with half a day of room on either side so that the first and
      // last bars show whole (fixed: uPlot's own range for a single day spans years).
      x: { time: true, auto: false, range: [days[0] - DAY / 2, days[days.length - 1] + DAY / 2] },
      // From zero, with a tenth of headroom above the highest day, on round numbers.
      views: { range: (u, min, max) => uPlot.rangeNum(0, Math.max(1, max), 0.1, true) },
      money: { range: (u, min, max) => uPlot.rangeNum(0, Math.max(1, max), 0.1, true) },
    },
    axes: [
      { incrs: DAY_TICKS },
      { scale: "views", incrs: WHOLE_TICKS, values: (u, ticks) => ticks.map(format.short), label: "views", size: 60 },
      { scale: "money", side: 1, values: (u, ticks) => ticks.map(format.short), label: "revenue",
        grid: { show: false }, size: 60 },
    ],
    series: [
      { label: "Day" },
      { label: "Views", scale: "views", fill: color("--views-fill"), stroke: color("--views"),
        paths: uPlot.paths.bars({ size: [0.7, 48] }), points: { show: false } },
      { label: "Video revenue", scale: "money", stroke: color("--video-revenue"), width: 2 },
      { label: "Ad revenue", scale: "money", stroke: color("--ad-revenue"), width: 2 },
    ],
  };
}

// Draws (or redraws) the chart of `rows` (/v1/daily) for the days from..to in `container`.
export function drawDaily(container, from, to, rows) {
  chart?.destroy();
  resizer?.disconnect();
  const series = data(from, to, rows);
  container.dataset.days = String(series[0].length);
  container.dataset.from = from;
  container.dataset.to = to;
  if (typeof uPlot === "undefined") {
    container.textContent = "The chart library is not installed on the server (scripts/install-deps.sh).";
    return;
  }
  chart = new uPlot(options(container.clientWidth, series[0]), series, container);
  resizer = new ResizeObserver(() => chart.setSize({ width: container.clientWidth, height: HEIGHT }));
  resizer.observe(container);
}
