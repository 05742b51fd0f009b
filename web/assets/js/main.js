// The dashboard page: asks for a token, then shows the chosen period's figures from the
// /v1/ endpoints. It only displays what the API answers (the rules are the server's SQL);
// the view (period, date, creator, Top size) lives in the address's query string, so a
// view can be bookmarked, and the token never does.
import { ApiError, getJson } from "./api.js";
import { drawDaily } from "./chart.js";
import * as format from "./format.js";
import { sumMoney } from "./money.js";
import { PERIODS, isIsoDate, step, yesterday } from "./period.js";
import { csvText, download, fillTable } from "./tables.js";
import { claimsOf, cleanToken, forgetToken, problemWith, storeToken, storedToken } from "./token.js";

const $ = (selector, within = document) => within.querySelector(selector);
const LIMITS = [5, 10, 25];
// What a creator, or a view of one creator, looks for in the rankings: their own videos
// among the platform's top videos (the rankings themselves are the same for everyone).
const RANKING_DEPTH = 100;
const SETTLEMENT_ROWS_SHOWN = 500;

let session = null;  // {token, claims}
let loads = 0;       // a newer load makes the answers of an older one stale
let csv = null;      // {filename, text} of the settlement table

// ---- the view in the address ------------------------------------------------------------

function readView() {
  const query = new URLSearchParams(location.search);
  const period = query.get("period");
  const date = query.get("date") ?? "";
  const creator = query.get("creator") ?? "";
  const limit = Number(query.get("limit"));
  return {
    period: PERIODS.includes(period) ? period : "month",
    date: isIsoDate(date) ? date : yesterday(),
    creator: /^[1-9][0-9]{0,19}$/.test(creator) ? creator : "",
    limit: LIMITS.includes(limit) ? limit : 10,
  };
}

function viewAddress(view) {
  const query = new URLSearchParams({ period: view.period, date: view.date });
  if (view.creator) query.set("creator", view.creator);
  if (view.limit !== 10) query.set("limit", String(view.limit));
  return `?${query}`;
}

function showView(view) {
  history.pushState(null, "", viewAddress(view));
  load();
}

function viewFromControls() {
  const creator = $("#creator").value.trim();
  return {
    period: $("#period").value,
    date: isIsoDate($("#date").value) ? $("#date").value : yesterday(),
    creator: /^[1-9][0-9]{0,19}$/.test(creator) ? creator : "",
    limit: Number($("#limit").value),
  };
}

function setControls(view) {
  $("#period").value = view.period;
  $("#date").value = view.date;
  $("#creator").value = view.creator;
  $("#limit").value = String(view.limit);
}

// ---- signing in and out -----------------------------------------------------------------

function askForToken(message) {
  session = null;
  loads += 1;
  $("#dashboard").hidden = true;
  $("#dashboard").dataset.state = "signed-out";
  $("#period-form").hidden = true;
  $("#who").hidden = true;
  $("#sign-in").hidden = false;
  const note = $("#sign-in-message");
  note.textContent = message;
  note.hidden = !message;
  $("#token").value = "";
  $("#token").focus();
}

function signIn(token) {
  const problem = problemWith(token);
  if (problem) {
    forgetToken();
    askForToken(problem);
    return;
  }
  storeToken(token);
  const claims = claimsOf(token);
  session = { token, claims };
  $("#sign-in").hidden = true;
  $("#period-form").hidden = false;
  // A creator's token is their creator's only: no creator to choose.
  $("#creator-filter").hidden = claims.role === "creator";
  const who = claims.role === "creator" ? `creator ${claims.creatorId}` : claims.role;
  const until = claims.expires.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  $("#who-text").textContent = `${who} · ${claims.subject || "no name"} · until ${until}`;
  $("#who").dataset.role = claims.role;
  $("#who").hidden = false;
  load();
}

function refused(error) {
  forgetToken();
  askForToken(`The server refused this token (${error.message}). It may have expired or been ` +
              "signed with another key: sign in with a new one.");
}

// ---- loading a view ---------------------------------------------------------------------

async function load() {
  if (!session) return;
  const problem = problemWith(session.token);
  if (problem) {
    forgetToken();
    askForToken(problem);
    return;
  }
  const view = readView();
  setControls(view);
  const { token, claims } = session;
  const mine = ++loads;
  const main = $("#dashboard");
  main.hidden = false;
  main.dataset.state = "loading";

  // One creator's figures: a creator's own, or the one a finance or admin user picked.
  const oneCreator = claims.role === "creator" || view.creator !== "";
  const creator = view.creator ? { creator: view.creator } : {};
  const span = { period: view.period, date: view.date };
  const ask = (endpoint, params) => getJson(token, endpoint, { ...span, ...params });
  const depth = oneCreator ? RANKING_DEPTH : view.limit;
  const names = ["daily", "byCreator", "byVideo", "topViews", "topWatch", "jobs"];
  const settled = await Promise.allSettled([
    ask("daily", creator),
    ask("settlement", { by: "creator", ...creator }),
    oneCreator ? ask("settlement", { by: "video", ...creator }) : null,
    ask("top", { by: "views", limit: depth }),
    ask("top", { by: "watch_time", limit: depth }),
    claims.role === "admin" ? getJson(token, "jobs", { limit: 10 }) : null,
  ]);
  if (mine !== loads) return;
  const answers = {};
  const failures = {};
  settled.forEach((result, i) => {
    if (result.status === "fulfilled") answers[names[i]] = result.value;
    else failures[names[i]] = result.reason;
  });
  const unauthorized = Object.values(failures).find((e) => e instanceof ApiError && e.status === 401);
  if (unauthorized) {
    refused(unauthorized);
    return;
  }
  render(view, claims, oneCreator, answers, failures);
  main.dataset.state = Object.keys(failures).length ? "error" : "ready";
}

// ---- rendering --------------------------------------------------------------------------

function explain(error, claims) {
  if (!(error instanceof ApiError)) return `The page failed: ${error.message}`;
  if (error.status === 403 && claims.role === "creator")
    return `Your token is creator ${claims.creatorId}'s: it shows the figures of your own videos only, ` +
           `not another creator's (the server said: ${error.message}).`;
  if (error.status === 403) return `Your token may not see this (the server said: ${error.message}).`;
  if (error.status === 0) return "The server did not answer: is it running?";
  if (error.status === 503) return `The server cannot read the figures right now: ${error.message}.`;
  return `The server answered ${error.status}: ${error.message}.`;
}

// Shows the section's error, or hides it; true when the section has its data.
function sectionState(section, error, claims) {
  const note = $(".section-error", section);
  note.hidden = !error;
  note.textContent = error ? explain(error, claims) : "";
  return !error;
}

function render(view, claims, oneCreator, answers, failures) {
  const first = Object.values(failures)[0];
  const alert = $("#alert");
  const forbidden = Object.values(failures).find((e) => e instanceof ApiError && e.status === 403);
  alert.hidden = !first;
  alert.textContent = first ? explain(forbidden ?? first, claims) : "";

  const spanAnswer = answers.byCreator ?? answers.daily ?? answers.topViews;
  renderSpan(view, claims, spanAnswer);
  renderFigures(answers);
  renderDaily(answers.daily, failures.daily, claims);
  const own = oneCreator && answers.byVideo ? new Set(answers.byVideo.rows.map((r) => r.video_id)) : null;
  renderTop("#top-views", answers.topViews, failures.topViews ?? (oneCreator ? failures.byVideo : null),
            claims, view, own, "views");
  renderTop("#top-watch", answers.topWatch, failures.topWatch ?? (oneCreator ? failures.byVideo : null),
            claims, view, own, "watch");
  renderSettlement(view, claims, oneCreator, answers, failures);
  renderJobs(claims, answers.jobs, failures.jobs);
}

function renderSpan(view, claims, answer) {
  const period = view.period[0].toUpperCase() + view.period.slice(1);
  const whose = claims.role === "creator" ? ` · creator ${claims.creatorId}`
              : view.creator ? ` · creator ${view.creator}` : "";
  const badge = $("#complete");
  const note = $("#complete-note");
  if (!answer) {
    $("#span-title").textContent = `${period} of ${view.date}${whose}`;
    badge.hidden = true;
    note.hidden = true;
    return;
  }
  const days = answer.from === answer.to ? answer.from : `${answer.from} – ${answer.to}`;
  $("#span-title").textContent = `${period} ${days}${whose}`;
  badge.hidden = false;
  badge.dataset.complete = String(answer.complete);
  badge.textContent = answer.complete ? "final" : "not final";
  note.hidden = answer.complete;
  note.textContent = answer.complete ? "" :
    "Not final: some days of this period have no completed run yet, or late events made them stale. " +
    "These figures can still change.";
}

function setFigure(key, value, text) {
  const dd = $(`#figures dd[data-key="${key}"]`);
  dd.dataset.value = value === null ? "" : String(value);
  dd.textContent = text;
}

function renderFigures(answers) {
  const daily = answers.daily?.rows;
  const total = (field) => daily.reduce((sum, row) => sum + row[field], 0);
  setFigure("views", daily ? total("views") : null, daily ? format.count(total("views")) : "–");
  setFigure("watch_hours", daily ? total("watch_seconds") : null, daily ? format.hours(total("watch_seconds")) : "–");
  setFigure("ad_views", daily ? total("ad_views") : null, daily ? format.count(total("ad_views")) : "–");
  const creators = answers.byCreator?.rows;
  for (const key of ["video_revenue", "ad_revenue"]) {
    const sum = creators ? sumMoney(creators.map((row) => row[key])) : null;
    setFigure(key, sum, creators ? format.money(sum) : "–");
  }
  const payable = creators ? creators.reduce((sum, row) => sum + row.payable, 0) : null;
  setFigure("payable", payable, creators ? format.count(payable) : "–");
}

function renderDaily(answer, error, claims) {
  const section = $("#daily-chart").closest("section");
  if (!sectionState(section, error, claims)) {
    $("#daily-chart").replaceChildren();
    $("#daily-table").replaceChildren();
    return;
  }
  drawDaily($("#daily-chart"), answer.from, answer.to, answer.rows);
  fillTable($("#daily-table"), [
    { key: "date", label: "Date" },
    { key: "views", label: "Views", numeric: true, format: format.count },
    { key: "watch_seconds", label: "Watch hours", numeric: true, format: format.hours },
    { key: "ad_views", label: "Ad views", numeric: true, format: format.count },
    { key: "video_revenue", label: "Video revenue", numeric: true, format: format.money },
    { key: "ad_revenue", label: "Ad revenue", numeric: true, format: format.money },
  ], answer.rows, { tag: (row) => ({ date: row.date }), empty: "No figures on any day of this period." });
}

function renderTop(selector, answer, error, claims, view, own, by) {
  const table = $(selector);
  const section = table.closest("section");
  const caption = $(".caption", section);
  if (!sectionState(section, error, claims)) {
    table.replaceChildren();
    caption.textContent = "";
    return;
  }
  // One creator's view lists only that creator's videos, with their rank on the platform.
  const rows = own ? answer.rows.filter((row) => own.has(row.video_id)) : answer.rows;
  const whose = claims.role === "creator" ? "Your" : `Creator ${view.creator}'s`;
  caption.textContent = own ? `${whose} videos among the platform's top ${RANKING_DEPTH}, with the platform's rank.` : "";
  const views = { key: "views", label: "Views", numeric: true, format: format.count };
  const watch = { key: "watch_seconds", label: "Watch hours", numeric: true, format: format.hours };
  fillTable(table, [
    { key: "rank", label: "#", numeric: true, format: format.count },
    { key: "video_id", label: "Video" },
    ...(by === "views" ? [views, watch] : [watch, views]),
  ], rows, { tag: (row) => ({ video: row.video_id }), limit: view.limit,
             empty: own ? `No video of theirs is in the top ${RANKING_DEPTH}.` : "No views in this period." });
}

function renderSettlement(view, claims, oneCreator, answers, failures) {
  const table = $("#settlement");
  const section = table.closest("section");
  const caption = $(".caption", section);
  const answer = oneCreator ? answers.byVideo : answers.byCreator;
  const error = oneCreator ? failures.byVideo : failures.byCreator;
  $("#csv").disabled = true;
  csv = null;
  if (!sectionState(section, error, claims)) {
    table.replaceChildren();
    caption.textContent = "";
    return;
  }
  const money = (key, label) => ({ key, label, numeric: true, format: format.money });
  const span = `${answer.from}_${answer.to}`;
  let keys, shown;
  if (oneCreator) {
    const who = claims.role === "creator" ? claims.creatorId : view.creator;
    keys = ["video_id", "creator_id", "views", "ad_views", "video_revenue", "ad_revenue"];
    shown = fillTable(table, [
      { key: "video_id", label: "Video" },
      { key: "views", label: "Views", numeric: true, format: format.count },
      { key: "ad_views", label: "Ad views", numeric: true, format: format.count },
      money("video_revenue", "Video revenue"),
      money("ad_revenue", "Ad revenue"),
    ], answer.rows, { tag: (row) => ({ video: row.video_id, creator: row.creator_id }),
                      limit: SETTLEMENT_ROWS_SHOWN, empty: "No figures for these videos in this period." });
    csv = { filename: `settlement-creator-${who}-by-video-${span}.csv`, text: csvText(keys, answer.rows) };
    caption.textContent = `Creator ${who}'s videos, by video id.`;
  } else {
    keys = ["creator_id", "video_revenue", "ad_revenue", "payable"];
    const drill = (row) => viewAddress({ ...view, creator: String(row.creator_id) });
    shown = fillTable(table, [
      { key: "creator_id", label: "Creator", link: drill },
      money("video_revenue", "Video revenue"),
      money("ad_revenue", "Ad revenue"),
      { key: "payable", label: "Payable", numeric: true, format: format.count },
    ], answer.rows, { tag: (row) => ({ creator: row.creator_id }), limit: SETTLEMENT_ROWS_SHOWN,
                      empty: "No creator has figures in this period." });
    csv = { filename: `settlement-by-creator-${span}.csv`, text: csvText(keys, answer.rows) };
    caption.textContent = "Every creator with figures in the period, by creator id (pick one to see their videos).";
  }
  if (shown < answer.rows.length)
    caption.textContent += ` Showing the first ${format.count(shown)} of ${format.count(answer.rows.length)}: ` +
                           "the CSV has them all.";
  $("#csv").disabled = false;
}

function renderJobs(claims, answer, error) {
  const panel = $("#jobs-panel");
  panel.hidden = claims.role !== "admin";
  if (panel.hidden || !sectionState(panel, error, claims)) {
    $("#jobs").replaceChildren();
    $("#stale-dates").hidden = true;
    return;
  }
  const stale = [...new Set(answer.rows.filter((row) => row.stale).map((row) => row.date))].sort();
  const note = $("#stale-dates");
  note.hidden = stale.length === 0;
  note.textContent = stale.length ? `Stale dates (late events changed them; the next run settles them again): ` +
                                    stale.join(", ") : "";
  fillTable($("#jobs"), [
    { key: "date", label: "Date" },
    { key: "state", label: "State" },
    { key: "attempt", label: "Attempt", numeric: true },
    { key: "tasks_done", label: "Tasks", numeric: true, format: (done, row) => `${done} / ${row.tasks_total}` },
    { key: "duration_ms", label: "Duration", numeric: true, format: format.duration },
    { key: "started_at", label: "Started" },
    { key: "finished_at", label: "Finished" },
    { key: "stale", label: "Stale", format: (value) => (value ? "stale" : "–") },
    { key: "message", label: "Message", wrap: true, format: (value) => value ?? "" },
  ], answer.rows, { tag: (row) => ({ date: row.date, state: row.state, stale: String(row.stale) }),
                    empty: "No run yet." });
}

// ---- wiring -----------------------------------------------------------------------------

function wire() {
  $("#sign-in-form").addEventListener("submit", (event) => {
    event.preventDefault();
    signIn(cleanToken($("#token").value));
  });
  $("#sign-out").addEventListener("click", () => {
    forgetToken();
    askForToken("Signed out. The token is gone from this tab.");
  });
  $("#period-form").addEventListener("submit", (event) => {
    event.preventDefault();
    showView(viewFromControls());
  });
  for (const id of ["#period", "#date", "#limit"])
    $(id).addEventListener("change", () => showView(viewFromControls()));
  for (const [id, steps] of [["#previous", -1], ["#next", 1]])
    $(id).addEventListener("click", () => {
      const view = viewFromControls();
      showView({ ...view, date: step(view.period, view.date, steps) });
    });
  $("#csv").addEventListener("click", () => csv && download(csv.filename, csv.text));
  window.addEventListener("popstate", load);
}

wire();
const token = storedToken();
if (token) signIn(token);
else askForToken("");
