// The IOC dashboard: reads /api/indicators, /api/feeds/status and /api/snapshots with a bearer token and redraws
// itself every few seconds. Plain DOM and SVG; every text comes from the API or the label table below.
"use strict";
(function () {
  const labels = {
    vi: {
      title: "Trung tâm điều hành thông minh – Sàn tích hợp, chia sẻ dữ liệu", province: "Tỉnh", updated: "Cập nhật",
      kpis: "Chỉ số chuyển đổi số", freshness: "Độ cập nhật dữ liệu theo luồng và sở, ngành", department: "Sở, ngành",
      feed: "Luồng dữ liệu", cadence: "Chu kỳ", lastEvent: "Bản ghi cuối", state: "Trạng thái", accepted: "Chấp nhận (hôm nay)",
      rejected: "Từ chối (hôm nay)", duplicates: "Trùng (hôm nay)", ndxp: "Chuyển NDXP (30 ngày)", notNational: "không công bố", byCommune: "Theo xã, phường", indicator: "Chỉ số",
      rejections: "Lý do từ chối nhiều nhất (24 giờ)", field: "Trường", reason: "Lý do", count: "Số lần", latest: "Bản ghi mới nhất",
      received: "Thời điểm nhận", subject: "Đối tượng", commune: "Xã, phường", footer: "Dữ liệu từ API truy vấn của sàn; trang tự làm mới.",
      fresh: "Đúng hạn", late: "Chậm", silent: "Mất tín hiệu", target: "Mục tiêu", by: "đến", noTarget: "Chưa đặt mục tiêu",
      never: "Chưa có", ago: "trước", trend24: "so với 24 giờ trước", noData: "Chưa có dữ liệu", error: "Không tải được dữ liệu",
      online: "(trực tuyến)", seconds: "giây", minutes: "phút", hours: "giờ", days: "ngày",
    },
    en: {
      title: "Intelligent Operations Centre – Provincial data-sharing hub", province: "Province", updated: "Updated",
      kpis: "Digital-transformation indicators", freshness: "Data freshness by feed and department", department: "Department",
      feed: "Feed", cadence: "Cadence", lastEvent: "Last record", state: "State", accepted: "Accepted (today)",
      rejected: "Rejected (today)", duplicates: "Duplicates (today)", ndxp: "Sent to NDXP (30 days)", notNational: "not published", byCommune: "By commune", indicator: "Indicator",
      rejections: "Top rejection reasons (24 h)", field: "Field", reason: "Reason", count: "Count", latest: "Latest records",
      received: "Received", subject: "Entity", commune: "Commune", footer: "Data from the hub's query API; the page refreshes itself.",
      fresh: "Fresh", late: "Late", silent: "Silent", target: "Target", by: "by", noTarget: "No target set",
      never: "Never", ago: "ago", trend24: "vs 24 h ago", noData: "No data yet", error: "Could not load data",
      online: "(online)", seconds: "s", minutes: "min", hours: "h", days: "d",
    },
  };
  const communeIndicators = ["I-05", "I-07", "I-12", "I-14"];
  let lang = localStorage.getItem("ioc.lang") || "vi";
  let last = { indicators: null, status: null, latest: [] };

  const $ = (selector) => document.querySelector(selector);
  const t = (key) => labels[lang][key] || key;
  const text = (localized) => (localized ? localized[lang] || localized.vi : "");
  const number = (value) => (value === null || value === undefined ? "–" : value.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  const integer = (value) => value.toLocaleString(lang === "vi" ? "vi-VN" : "en-GB");

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null) continue;
      if (key === "class") node.className = value; else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }

  function svg(tag, attributes, ...children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }

  function ago(iso) {
    if (!iso) return t("never");
    const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
    if (seconds < 90) return `${Math.round(seconds)} ${t("seconds")} ${t("ago")}`;
    if (seconds < 5400) return `${Math.round(seconds / 60)} ${t("minutes")} ${t("ago")}`;
    if (seconds < 172800) return `${Math.round(seconds / 3600)} ${t("hours")} ${t("ago")}`;
    return `${Math.round(seconds / 86400)} ${t("days")} ${t("ago")}`;
  }

  const localTime = (iso) => new Date(iso).toLocaleString(lang === "vi" ? "vi-VN" : "en-GB", { timeZone: "Asia/Ho_Chi_Minh" });

  async function api(path) {
    const token = await window.iocAuth.token();
    const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, cache: "no-store" });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  }

  function sparkline(trend) {
    const points = trend.filter((p) => p.value !== null);
    if (points.length < 2) return null;
    const width = 120, height = 28;
    const values = points.map((p) => p.value);
    const min = Math.min(...values), max = Math.max(...values), span = max - min || 1;
    const path = points.map((p, i) => `${(i / (points.length - 1)) * width},${height - 2 - ((p.value - min) / span) * (height - 4)}`).join(" ");
    return svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, class: "spark", "aria-hidden": "true" },
      svg("polyline", { points: path, fill: "none", stroke: "#0b5cad", "stroke-width": "1.5" }));
  }

  function trendText(indicator) {
    const points = indicator.trend.filter((p) => p.value !== null);
    if (indicator.value === null || points.length === 0) return null;
    const dayAgo = Date.now() - 24 * 3600 * 1000;
    const reference = points.find((p) => Date.parse(p.hour) >= dayAgo) || points[0];
    const delta = Math.round((indicator.value - reference.value) * 10) / 10;
    const arrow = delta > 0 ? "▲" : delta < 0 ? "▼" : "▬";
    return el("div", { class: `trend ${delta > 0 ? "up" : delta < 0 ? "down" : ""}` }, `${arrow} ${number(Math.abs(delta))} ${t("trend24")}`);
  }

  function renderTiles(report) {
    const tiles = $("#tiles");
    tiles.replaceChildren(...report.indicators.map((indicator) => {
      const met = indicator.value !== null && indicator.target !== null && indicator.value >= indicator.target;
      const tile = el("article", {
        class: `tile ${indicator.target === null || indicator.value === null ? "" : met ? "met" : "below"}`,
        "data-indicator": indicator.id, "data-value": indicator.value === null ? "" : String(indicator.value),
        "data-numerator": String(indicator.numerator), "data-denominator": String(indicator.denominator),
      },
      el("div", { class: "id" }, indicator.id),
      el("div", { class: "name" }, text(indicator.name)),
      el("div", { class: "value" }, indicator.value === null ? "–" : `${number(indicator.value)}%`),
      el("div", { class: "inputs", title: text(indicator.formula) }, `${integer(indicator.numerator)} / ${integer(indicator.denominator)}`),
      el("div", { class: "target" }, indicator.target === null ? t("noTarget") : `${t("target")} ${number(indicator.target)}% ${indicator.targetYear ? `${t("by")} ${indicator.targetYear}` : ""}`));
      const trend = trendText(indicator);
      if (trend) tile.append(trend);
      const spark = sparkline(indicator.trend);
      if (spark) tile.append(spark);
      return tile;
    }));
  }

  function renderFreshness(status) {
    const rows = status.feeds.map((feed) => el("tr", { "data-feed": feed.feedId, "data-state": feed.state },
      el("td", {}, text(feed.department.name)),
      el("td", {}, text(feed.title), el("br"), el("small", {}, feed.feedId)),
      el("td", {}, feed.cadence),
      el("td", { title: feed.lastEventAt ? localTime(feed.lastEventAt) : "" }, ago(feed.lastEventAt)),
      el("td", {}, el("span", { class: `badge ${feed.state}` }, t(feed.state))),
      el("td", { class: "num" }, integer(feed.today.accepted)),
      el("td", { class: "num" }, integer(feed.today.rejected)),
      el("td", { class: "num" }, integer(feed.today.duplicates)),
      ndxpCell(feed.ndxp)));
    $("#freshness tbody").replaceChildren(...rows);
  }

  // NDXP delivery of a feed published nationally: delivered in 30 days, the last delivery, and retries or dead letters.
  function ndxpCell(ndxp) {
    if (!ndxp) return el("td", { class: "muted" }, t("notNational"));
    const problems = [ndxp.retrying ? `↻ ${integer(ndxp.retrying)}` : "", ndxp.deadLettered30Days ? `✕ ${integer(ndxp.deadLettered30Days)}` : ""].filter(Boolean).join(" ");
    return el("td", { class: "num", "data-ndxp": ndxp.lastOutcome || "none", title: ndxp.lastDeliveredAt ? localTime(ndxp.lastDeliveredAt) : "" },
      integer(ndxp.delivered30Days), el("br"), el("small", {}, `${ago(ndxp.lastDeliveredAt)} ${problems}`.trim()));
  }

  function renderRejections(report) {
    const quality = report.indicators.find((i) => i.id === "I-04");
    const reasons = (quality && quality.topRejections) || [];
    $("#rejections tbody").replaceChildren(...(reasons.length === 0
      ? [el("tr", {}, el("td", { colspan: "3" }, t("noData")))]
      : reasons.map((r) => el("tr", {}, el("td", {}, el("code", {}, r.pointer)), el("td", {}, r.reason), el("td", { class: "num" }, integer(r.count))))));
  }

  function renderCommuneSelect(report) {
    const select = $("#commune-indicator");
    const chosen = select.value || localStorage.getItem("ioc.communeIndicator") || "I-05";
    select.replaceChildren(...report.indicators.filter((i) => communeIndicators.includes(i.id))
      .map((i) => el("option", { value: i.id }, `${i.id} ${text(i.name)}`)));
    select.value = chosen;
  }

  function renderCommuneChart(report) {
    const id = $("#commune-indicator").value;
    const indicator = report.indicators.find((i) => i.id === id);
    const rows = ((indicator && indicator.breakdowns.commune) || []).filter((r) => r.denominator > 0)
      .sort((a, b) => b.denominator - a.denominator).slice(0, 20);
    const chart = $("#commune-chart");
    if (rows.length === 0) { chart.replaceChildren(el("p", {}, t("noData"))); return; }
    const barHeight = 20, labelWidth = 170, width = 640, plot = width - labelWidth - 110;
    const height = rows.length * (barHeight + 6) + 24;
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "data-indicator": id });
    rows.forEach((row, i) => {
      const y = i * (barHeight + 6) + 4;
      const value = row.value || 0;
      const below = indicator.target !== null && value < indicator.target;
      const group = svg("g", { "data-commune": row.key });
      group.append(svg("text", { x: 0, y: y + 14 }, row.name ? text(row.name) : row.key));
      group.append(svg("rect", { x: labelWidth, y, width: Math.max(1, (value / 100) * plot), height: barHeight, fill: below ? "#e8a300" : "#1e8e3e", rx: 2 }));
      group.append(svg("text", { x: labelWidth + plot + 6, y: y + 14 }, `${number(row.value)}% (${integer(row.numerator)}/${integer(row.denominator)})`));
      root.append(group);
    });
    if (indicator.target !== null) {
      const x = labelWidth + (indicator.target / 100) * plot;
      root.append(svg("line", { x1: x, x2: x, y1: 0, y2: height - 16, stroke: "#c5221f", "stroke-dasharray": "4 3" }));
      root.append(svg("text", { x: x - 30, y: height - 4 }, `${t("target")} ${number(indicator.target)}%`));
    }
    chart.replaceChildren(root);
  }

  function renderLatest(items) {
    $("#latest tbody").replaceChildren(...(items.length === 0
      ? [el("tr", {}, el("td", { colspan: "4" }, t("noData")))]
      : items.map((item) => el("tr", {},
        el("td", {}, localTime(item.updatedAt)),
        el("td", {}, item.feedTitle ? text(item.feedTitle) : item.feedId),
        el("td", {}, el("code", {}, item.subject)),
        el("td", {}, item.communeName || item.commune || t("online"))))));
  }

  function applyLabels() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
    $("#lang").textContent = lang === "vi" ? "EN" : "VI";
  }

  function renderAll() {
    applyLabels();
    if (last.indicators) {
      $("#province").textContent = last.indicators.provinceCode;
      renderTiles(last.indicators);
      renderCommuneSelect(last.indicators);
      renderCommuneChart(last.indicators);
      renderRejections(last.indicators);
    }
    if (last.status) {
      renderFreshness(last.status);
      $("#updated").textContent = localTime(last.status.at);
    }
    renderLatest(last.latest);
  }

  async function latest(status) {
    // Bounded: one page per feed of what changed in the last hour, newest first.
    const since = new Date(Date.now() - 3600 * 1000).toISOString();
    const pages = await Promise.all(status.feeds.map((feed) =>
      api(`/api/snapshots/${encodeURIComponent(feed.feedId)}?updatedSince=${encodeURIComponent(since)}&pageSize=50`)
        .then((page) => page.items.map((item) => ({ ...item, feedId: feed.feedId, feedTitle: feed.title })))
        .catch(() => [])));
    return pages.flat().sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt)).slice(0, 12);
  }

  async function refresh() {
    try {
      const [indicators, status] = await Promise.all([api("/api/indicators"), api("/api/feeds/status")]);
      last = { indicators, status, latest: await latest(status) };
      $("#status").textContent = "";
      document.body.dataset.loaded = "true";
    } catch (e) {
      $("#status").textContent = `${t("error")}: ${e.message}`;
    }
    renderAll();
  }

  $("#lang").addEventListener("click", () => {
    lang = lang === "vi" ? "en" : "vi";
    localStorage.setItem("ioc.lang", lang);
    renderAll();
  });
  $("#commune-indicator").addEventListener("change", (e) => {
    localStorage.setItem("ioc.communeIndicator", e.target.value);
    if (last.indicators) renderCommuneChart(last.indicators);
  });

  window.iocAuth.loadConfig().then((config) => {
    refresh();
    setInterval(refresh, Math.max(5, config.refreshSeconds || 15) * 1000);
  });
})();
