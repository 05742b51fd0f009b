// Opens the dashboard in Debian's headless Chromium, signs in with a token, and prints as
// JSON what the page shows: the key figures, the chart, the tables, the notices, and every
// console error, failed request and HTTP error status it met. It asserts nothing: the C++
// test (tests/integration/test_dashboard.cpp) compares what it saw with the API's answers.
//
//   node dashboard-probe.mjs '<request JSON>'
//   {"url": "http://127.0.0.1:PORT/?period=month&date=2026-03-10",
//    "token": "eyJ...",                    typed into the sign-in form; "" signs in with nothing
//    "expect": "dashboard" | "sign-in",    what to wait for after signing in
//    "views": [{"name": "desktop", "width": 1280, "height": 900, "screenshot": "/path.png"}, ...],
//    "csv": true}                           also download the settlement CSV
//
// Exit 0 with {"console": [...], "views": {"desktop": {...}}, "csv": "..."}; exit 1 with
// {"error": "..."} when the browser could not be driven at all.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const request = JSON.parse(process.argv[2]);
const executablePath = process.env.SETTLEMENT_CHROMIUM || "/usr/bin/chromium";
const WAIT_MS = 30000;

// As root in a closed network: no sandbox, no GPU, and none of Chromium's own connections.
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync"];

function fail(message) {
  process.stdout.write(JSON.stringify({ error: message }) + "\n");
  process.exit(1);
}
setTimeout(() => fail(`the probe did not finish within 120 s`), 120000).unref();

// What the page shows, read from its DOM.
function readPage() {
  const $ = (selector) => document.querySelector(selector);
  const visible = (element) => !!element && !element.closest("[hidden]");
  const text = (element) => (element ? element.textContent.trim() : null);
  const rows = (selector) => [...document.querySelectorAll(`${selector} tbody tr`)]
    .filter((tr) => !tr.querySelector("td.empty"))
    .map((tr) => ({ ...tr.dataset, cells: [...tr.cells].map((td) => td.textContent.trim()) }));
  const figures = {};
  for (const dd of document.querySelectorAll("#figures dd"))
    figures[dd.dataset.key] = { value: dd.dataset.value ?? "", text: dd.textContent.trim() };
  const chart = $("#daily-chart");
  const canvas = chart?.querySelector("canvas");
  const sectionErrors = [...document.querySelectorAll(".section-error")].filter(visible).map(text);
  return {
    state: $("#dashboard")?.dataset.state ?? null,
    dashboardVisible: visible($("#dashboard")),
    signInVisible: visible($("#sign-in")),
    signInMessage: visible($("#sign-in-message")) ? text($("#sign-in-message")) : null,
    alert: visible($("#alert")) ? text($("#alert")) : null,
    sectionErrors,
    title: text($("#span-title")),
    complete: $("#complete")?.dataset.complete ?? null,
    completeNote: visible($("#complete-note")) ? text($("#complete-note")) : null,
    who: visible($("#who")) ? text($("#who-text")) : null,
    role: $("#who")?.dataset.role ?? null,
    creatorFilterVisible: visible($("#creator-filter")),
    figures,
    chart: {
      canvas: !!canvas,
      canvasWidth: canvas ? canvas.getBoundingClientRect().width : 0,
      days: Number(chart?.dataset.days ?? 0),
      from: chart?.dataset.from ?? null,
      to: chart?.dataset.to ?? null,
    },
    daily: rows("#daily-table"),
    topViews: rows("#top-views"),
    topWatch: rows("#top-watch"),
    settlement: rows("#settlement"),
    jobsVisible: visible($("#jobs-panel")),
    jobs: rows("#jobs"),
    staleDates: visible($("#stale-dates")) ? text($("#stale-dates")) : null,
    videosShown: [...new Set([...document.querySelectorAll("[data-video]")].filter(visible).map((e) => e.dataset.video))],
    horizontalOverflow: document.documentElement.scrollWidth > window.innerWidth,
    tokenInAddress: location.href.includes("eyJ"),
    tokenStored: sessionStorage.length > 0,
  };
}

let browser;
try {
  browser = await chromium.launch({ executablePath, headless: true, args: ARGS });
} catch (e) {
  fail(`could not start ${executablePath}: ${e.message.split("\n")[0]}`);
}
try {
  const first = request.views[0];
  const context = await browser.newContext({
    viewport: { width: first.width, height: first.height },
    locale: "en-US",
    timezoneId: "Asia/Tokyo",
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const console = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") console.push({ type: m.type(), text: m.text() });
  });
  page.on("pageerror", (e) => console.push({ type: "pageerror", text: e.message }));
  page.on("requestfailed", (r) => console.push({ type: "requestfailed", text: `${r.url()}: ${r.failure()?.errorText}` }));
  page.on("response", (r) => {
    if (r.status() >= 400) console.push({ type: "http", text: `${r.status()} ${r.url()}` });
  });

  await page.goto(request.url, { waitUntil: "load" });
  await page.waitForSelector("#sign-in:not([hidden])", { timeout: WAIT_MS });
  await page.fill("#token", request.token);
  await page.click("#sign-in-form button[type=submit]");
  const wanted = request.expect === "sign-in" ? "#sign-in-message:not([hidden])"
               : '#dashboard[data-state="ready"], #dashboard[data-state="error"]';
  let timedOut = false;
  try {
    await page.waitForSelector(wanted, { timeout: WAIT_MS });
  } catch {
    timedOut = true;
  }

  const views = {};
  for (const view of request.views) {
    await page.setViewportSize({ width: view.width, height: view.height });
    // The chart follows its container's width on the next frames.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    views[view.name] = { timedOut, ...(await page.evaluate(readPage)) };
    if (view.screenshot) await page.screenshot({ path: view.screenshot, fullPage: true });
  }

  let csv = null;
  if (request.csv && !timedOut) {
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: WAIT_MS }), page.click("#csv")]);
    csv = { filename: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
  }
  await browser.close();
  process.stdout.write(JSON.stringify({ console, views, csv }) + "\n");
  process.exit(0);
} catch (e) {
  await browser.close().catch(() => {});
  fail(e.message.split("\n")[0]);
}
