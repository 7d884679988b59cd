// The IOC dashboard: reads the hub's query API with a bearer token and redraws itself every few seconds. Plain DOM and
// SVG; every text comes from the API or the label table below. Each panel loads on its own: a failed call (non-2xx,
// network error, bad JSON) shows in that panel which endpoint failed and how, and the other panels carry on. A member
// the API does not send (yet) shows as "not available", never as a made-up figure.
"use strict";
(function () {
  const labels = {
    vi: {
      title: "Trung tâm điều hành thông minh – Sàn tích hợp, chia sẻ dữ liệu", province: "Tỉnh", updated: "Cập nhật",
      kpis: "Chỉ số chuyển đổi số", freshness: "Độ cập nhật dữ liệu theo luồng và sở, ngành", department: "Sở, ngành",
      feed: "Luồng dữ liệu", cadence: "Chu kỳ", lastEvent: "Bản ghi cuối", state: "Trạng thái", accepted: "Chấp nhận (hôm nay)",
      rejected: "Từ chối (hôm nay)", duplicates: "Trùng (hôm nay)", indicator: "Chỉ số", level: "Cấp",
      drilldown: "Từ tỉnh đến xã, phường", rejections: "Lý do từ chối nhiều nhất (24 giờ)", field: "Trường", reason: "Lý do",
      count: "Số lần", latest: "Bản ghi mới nhất", withheld: "Không đọc được bản ghi với quyền hiện tại (luồng hạn chế)", received: "Thời điểm nhận", subject: "Đối tượng", commune: "Xã, phường",
      footer: "Dữ liệu từ API truy vấn của sàn; trang tự làm mới.",
      fresh: "Đúng hạn", late: "Chậm", silent: "Mất tín hiệu", target: "Mục tiêu", by: "đến", noTarget: "Chưa đặt mục tiêu",
      never: "Chưa có", ago: "trước", trend24: "so với 24 giờ trước", noData: "Chưa có dữ liệu", error: "Không tải được dữ liệu",
      online: "(trực tuyến)", seconds: "giây", minutes: "phút", hours: "giờ", days: "ngày", ms: "ms",
      notAvailable: "Không có sẵn", networkError: "lỗi mạng", badJson: "phản hồi không phải JSON hợp lệ",
      authError: "không lấy được mã truy cập", badShape: "phản hồi không đúng cấu trúc",
      computed: "Đã tính", proxy: "Chỉ số thay thế", unavailable: "Chưa tính được", statusNA: "Trạng thái: không có sẵn",
      met: "Đạt mục tiêu", notMet: "Chưa đạt", noTargetStatus: "Không có mục tiêu", targetNA: "Đánh giá mục tiêu: không có sẵn",
      trend: "Xu hướng", trendShort: "Chưa đủ dữ liệu xu hướng", trendNA: "Xu hướng: không có sẵn",
      computedFrom: "Tính từ", oldest: "dữ liệu cũ nhất", freshnessNA: "Độ mới của dữ liệu: không có sẵn",
      drill: "Xem theo xã, phường", provinceLevel: "Toàn tỉnh", department_: "Sở, ngành", agency: "Cơ quan", facility: "Cơ sở y tế",
      school: "Trường học", feed_: "Luồng dữ liệu", fromList: "Phân tách lấy từ danh sách chỉ số (API theo cấp chưa có)",
      fromEndpoint: "Phân tách từ API chỉ số theo cấp", shownOf: "hiển thị", of: "trên",
      completeness: "Mức đầy đủ dữ liệu theo luồng (30 ngày)", completenessShort: "Đầy đủ", onTime: "Đúng hạn", lateCount: "Muộn",
      missing: "Thiếu", lateStreak: "Muộn liên tiếp", periods: "Các kỳ báo cáo", silentEntities: "Đơn vị ngừng báo cáo",
      unknown: "Chưa rõ", open: "Đang mở", cState_onTime: "Đúng hạn", cState_late: "Muộn", cState_missing: "Thiếu",
      cState_silent: "Mất tín hiệu", cState_unknown: "Chưa rõ", notApplicable: "Không áp dụng",
      ndxp: "Chuyển lên Nền tảng NDXP theo luồng", delivered30: "Đã chuyển (30 ngày)", lastDelivered: "Lần chuyển cuối",
      lastOutcome: "Kết quả lần cuối", retrying: "Đang thử lại", deadLettered: "Thất bại (30 ngày)", latency: "Độ trễ trung vị",
      outcome_delivered: "Đã chuyển", outcome_retrying: "Đang thử lại", outcome_deadLettered: "Thất bại",
      notToNdxp: "Không chuyển lên NDXP", noNdxpFeeds: "Chưa có luồng nào chuyển lên NDXP",
      reports: "Báo cáo định kỳ mới nhất", reportKind: "Loại", scope: "Phạm vi", period: "Kỳ báo cáo", generated: "Lập lúc",
      files: "Tệp", weekly: "Tuần", monthly: "Tháng", provinceScope: "Toàn tỉnh", noReports: "Chưa có báo cáo",
    },
    en: {
      title: "Intelligent Operations Centre – Provincial data-sharing hub", province: "Province", updated: "Updated",
      kpis: "Digital-transformation indicators", freshness: "Data freshness by feed and department", department: "Department",
      feed: "Feed", cadence: "Cadence", lastEvent: "Last record", state: "State", accepted: "Accepted (today)",
      rejected: "Rejected (today)", duplicates: "Duplicates (today)", indicator: "Indicator", level: "Level",
      drilldown: "From province to commune", rejections: "Top rejection reasons (24 h)", field: "Field", reason: "Reason",
      count: "Count", latest: "Latest records", withheld: "Records not readable with this sign-in (restricted feeds)", received: "Received", subject: "Entity", commune: "Commune",
      footer: "Data from the hub's query API; the page refreshes itself.",
      fresh: "Fresh", late: "Late", silent: "Silent", target: "Target", by: "by", noTarget: "No target set",
      never: "Never", ago: "ago", trend24: "vs 24 h ago", noData: "No data yet", error: "Could not load data",
      online: "(online)", seconds: "s", minutes: "min", hours: "h", days: "d", ms: "ms",
      notAvailable: "Not available", networkError: "network error", badJson: "the response is not valid JSON",
      authError: "could not get an access token", badShape: "the response has an unexpected shape",
      computed: "Computed", proxy: "Proxy", unavailable: "Cannot be computed", statusNA: "Status: not available",
      met: "Target met", notMet: "Below target", noTargetStatus: "No target", targetNA: "Against target: not available",
      trend: "Trend", trendShort: "Not enough data for a trend", trendNA: "Trend: not available",
      computedFrom: "From", oldest: "oldest data", freshnessNA: "Data freshness: not available",
      drill: "By commune", provinceLevel: "Province", department_: "Department", agency: "Agency", facility: "Health facility",
      school: "School", feed_: "Feed", fromList: "Breakdown from the indicator list (the per-level API is not there)",
      fromEndpoint: "Breakdown from the per-level indicator API", shownOf: "showing", of: "of",
      completeness: "Data completeness by feed (30 days)", completenessShort: "Completeness", onTime: "On time", lateCount: "Late",
      missing: "Missing", lateStreak: "Late streak", periods: "Reporting periods", silentEntities: "Entities gone silent",
      unknown: "Unknown", open: "Open", cState_onTime: "On time", cState_late: "Late", cState_missing: "Missing",
      cState_silent: "Silent", cState_unknown: "Unknown", notApplicable: "Not applicable",
      ndxp: "Delivery to the NDXP platform by feed", delivered30: "Delivered (30 days)", lastDelivered: "Last delivered",
      lastOutcome: "Last outcome", retrying: "Retrying", deadLettered: "Failed (30 days)", latency: "Median latency",
      outcome_delivered: "Delivered", outcome_retrying: "Retrying", outcome_deadLettered: "Failed",
      notToNdxp: "Not sent to NDXP", noNdxpFeeds: "No feed is sent to NDXP yet",
      reports: "Latest periodic reports", reportKind: "Kind", scope: "Scope", period: "Period", generated: "Generated",
      files: "Files", weekly: "Weekly", monthly: "Monthly", provinceScope: "Province", noReports: "No reports yet",
    },
  };
  const levelLabel = { province: "provinceLevel", commune: "commune", department: "department_", agency: "agency",
    facility: "facility", school: "school", feed: "feed_" };
  const maxBars = 30;

  let lang = localStorage.getItem("ioc.lang") || "vi";
  const state = {
    indicators: null, status: null, completeness: null, reports: null, // each { data, error }
    drill: null, // { id, level, rows, indicator, source, error }
    latest: null, // { items, errors }
  };

  const $ = (selector, root) => (root || document).querySelector(selector);
  const t = (key) => labels[lang][key] || labels.vi[key] || key;
  const text = (localized) => (localized ? localized[lang] || localized.vi || "" : "");
  const locale = () => (lang === "vi" ? "vi-VN" : "en-GB");
  const isNumber = (value) => typeof value === "number" && Number.isFinite(value);
  const number = (value, digits = 1) => (isNumber(value)
    ? value.toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "–");
  const integer = (value) => (isNumber(value) ? value.toLocaleString(locale()) : "–");

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value; else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attributes, ...children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }

  const na = () => el("span", { class: "na" }, t("notAvailable"));

  function ago(iso) {
    if (!iso) return t("never");
    return `${duration(Math.max(0, (Date.now() - Date.parse(iso)) / 1000))} ${t("ago")}`;
  }

  function duration(seconds) {
    if (seconds < 90) return `${Math.round(seconds)} ${t("seconds")}`;
    if (seconds < 5400) return `${Math.round(seconds / 60)} ${t("minutes")}`;
    if (seconds < 172800) return `${Math.round(seconds / 3600)} ${t("hours")}`;
    return `${Math.round(seconds / 86400)} ${t("days")}`;
  }

  const localTime = (iso) => new Date(iso).toLocaleString(locale(), { timeZone: "Asia/Ho_Chi_Minh" });
  const localDate = (iso) => new Date(iso).toLocaleDateString(locale(), { timeZone: "Asia/Ho_Chi_Minh" });

  // --- The API ------------------------------------------------------------------------------------------------------

  /** A failed call: the endpoint, and the HTTP status or what went wrong before one (auth, network, json, shape). */
  class ApiError extends Error {
    constructor(endpoint, status, detail) {
      super(`${endpoint}: ${status}${detail ? ` ${detail}` : ""}`);
      this.endpoint = endpoint;
      this.status = status;
      this.detail = detail || "";
    }
  }

  async function authorized(path) {
    let token;
    try {
      token = await window.iocAuth.token();
    } catch (e) {
      throw new ApiError(path, "auth", e.message);
    }
    try {
      return await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, cache: "no-store" });
    } catch (e) {
      throw new ApiError(path, "network", e.message);
    }
  }

  async function api(path) {
    const response = await authorized(path);
    const body = await response.text().catch(() => "");
    if (!response.ok) {
      let detail = response.statusText;
      try {
        const problem = JSON.parse(body);
        detail = problem.title || problem.detail || detail;
      } catch (e) {
        // not a problem document: the status text says enough
      }
      throw new ApiError(path, response.status, detail);
    }
    try {
      return JSON.parse(body);
    } catch (e) {
      throw new ApiError(path, "json", e.message);
    }
  }

  /** Throws a shape error naming the endpoint unless <paramref name="ok"/>: a renderer never crashes on a surprise. */
  function expect(ok, endpoint) {
    if (!ok) throw new ApiError(endpoint, "shape", "");
  }

  function describe(error) {
    if (!(error instanceof ApiError)) return `${t("badShape")} (${error.message})`;
    const what = typeof error.status === "number" ? `HTTP ${error.status}${error.detail ? ` ${error.detail}` : ""}`
      : error.status === "network" ? t("networkError")
        : error.status === "json" ? t("badJson")
          : error.status === "auth" ? `${t("authError")} (${error.detail})`
            : t("badShape");
    return `GET ${error.endpoint} — ${what}`;
  }

  // --- Panels -------------------------------------------------------------------------------------------------------

  /** Shows the panel's errors (role="alert", endpoint and status) or clears them; the panel's state says which. */
  function showErrors(panel, errors) {
    const section = $(`[data-panel='${panel}']`);
    const box = $(".panel-error", section);
    section.dataset.state = errors.length > 0 ? "error" : "ready";
    box.replaceChildren(...(errors.length === 0 ? [] : [el("div", { class: "alert", role: "alert" },
      el("strong", {}, `${t("error")}: `),
      ...errors.map((error) => el("div", {
        class: "failure",
        "data-endpoint": error instanceof ApiError ? error.endpoint : "",
        "data-status": error instanceof ApiError ? String(error.status) : "render",
      }, describe(error))))]));
  }

  /** Draws one panel; a source that failed, or a renderer that met an unexpected shape, shows as that panel's error. */
  function panel(name, sources, draw) {
    const errors = sources.filter((s) => s && s.error).map((s) => s.error);
    try {
      draw();
    } catch (e) {
      errors.push(e);
    }
    showErrors(name, errors);
  }

  function formatValue(value, unit) {
    if (!isNumber(value)) return "–";
    switch (unit) {
      case "percent": return `${number(value)}%`;
      case "count": return integer(value);
      case "days": return `${number(value)} ${t("days")}`;
      case "hours": return `${number(value)} ${t("hours")}`;
      case "ratio": return number(value, 2);
      default: return number(value);
    }
  }

  function formatPeriod(iso) {
    const match = /^P(?:(\d+)D|T(\d+)H|(\d+)W)$/.exec(iso || "");
    if (!match) return iso || "";
    if (match[1]) return `${match[1]} ${t("days")}`;
    if (match[2]) return `${match[2]} ${t("hours")}`;
    return `${Number(match[3]) * 7} ${t("days")}`;
  }

  function trendChart(indicator) {
    if (!Array.isArray(indicator.trend)) return el("div", { class: "trend-chart muted" }, t("trendNA"));
    const points = indicator.trend.filter((p) => p && isNumber(p.value) && p.hour);
    if (points.length < 2) return el("div", { class: "trend-chart muted" }, t("trendShort"));
    const width = 200, height = 56, pad = 4;
    const values = points.map((p) => p.value);
    const target = indicator.unit === "percent" || indicator.unit === undefined ? indicator.target : null;
    const all = isNumber(target) ? values.concat([target]) : values;
    const min = Math.min(...all), max = Math.max(...all), span = max - min || 1;
    const y = (v) => height - pad - ((v - min) / span) * (height - 2 * pad);
    const x = (i) => pad + (i / (points.length - 1)) * (width - 2 * pad);
    const first = points[0], lastPoint = points[points.length - 1];
    const root = svg("svg", {
      viewBox: `0 0 ${width} ${height}`, class: "spark", role: "img", "data-points": String(points.length),
      "aria-label": `${t("trend")} ${indicator.id}: ${formatValue(first.value, indicator.unit)} → ${formatValue(lastPoint.value, indicator.unit)} (${localTime(first.hour)} – ${localTime(lastPoint.hour)})`,
    });
    if (isNumber(target)) {
      root.append(svg("line", { x1: pad, x2: width - pad, y1: y(target), y2: y(target), class: "target-line" }));
    }
    root.append(svg("polyline", { points: points.map((p, i) => `${x(i)},${y(p.value)}`).join(" "), class: "trend-line" }));
    root.append(svg("circle", { cx: x(points.length - 1), cy: y(lastPoint.value), r: 2.5, class: "trend-dot" }));
    return el("div", { class: "trend-chart" }, root);
  }

  function trendText(indicator) {
    if (!Array.isArray(indicator.trend) || !isNumber(indicator.value)) return null;
    const points = indicator.trend.filter((p) => p && isNumber(p.value));
    if (points.length === 0) return null;
    const dayAgo = Date.now() - 24 * 3600 * 1000;
    const reference = points.find((p) => Date.parse(p.hour) >= dayAgo) || points[0];
    const delta = Math.round((indicator.value - reference.value) * 10) / 10;
    const arrow = delta > 0 ? "▲" : delta < 0 ? "▼" : "▬";
    return el("div", { class: `trend ${delta > 0 ? "up" : delta < 0 ? "down" : ""}` }, `${arrow} ${number(Math.abs(delta))} ${t("trend24")}`);
  }

  function targetLine(indicator) {
    const targets = Array.isArray(indicator.targets) && indicator.targets.length > 0 ? indicator.targets
      : isNumber(indicator.target) ? [{ year: indicator.targetYear, value: indicator.target }] : [];
    const described = targets.length === 0 ? t("noTarget") : `${t("target")} ${targets
      .map((target) => `${formatValue(target.value, indicator.unit || "percent")}${target.year ? ` ${t("by")} ${target.year}` : ""}`).join(" · ")}`;
    const plans = targets.map((target) => target.plan).filter(Boolean).join("; ");
    const status = indicator.targetStatus;
    const badge = typeof status === "string"
      ? el("span", { class: `badge target-${status}` }, t(status === "noTarget" ? "noTargetStatus" : status === "unavailable" ? "unavailable" : status))
      : el("span", { class: "na" }, t("targetNA"));
    return el("div", { class: "target", title: plans || null }, described, " ", badge);
  }

  function freshnessLine(indicator) {
    const freshness = indicator.freshness;
    if (!freshness || typeof freshness !== "object") return el("div", { class: "freshness muted" }, t("freshnessNA"));
    const from = Array.isArray(freshness.computedFrom) ? freshness.computedFrom.join(", ") : "";
    const age = isNumber(freshness.ageSeconds) ? `${duration(freshness.ageSeconds)} ${t("ago")}` : t("never");
    return el("div", { class: "freshness muted", title: freshness.oldestLastEventAt ? localTime(freshness.oldestLastEventAt) : null },
      `${t("computedFrom")}: ${from || "–"} · ${t("oldest")} ${age}`);
  }

  function renderTiles() {
    const report = state.indicators && state.indicators.data;
    const tiles = $("#tiles");
    if (!report) { tiles.replaceChildren(); return; }
    expect(Array.isArray(report.indicators), "/api/indicators");
    tiles.replaceChildren(...report.indicators.map((indicator) => {
      const status = typeof indicator.status === "string" ? indicator.status : null;
      const unit = indicator.unit || "percent";
      const shown = status === "unavailable" ? null : indicator.value; // never a number for what cannot be computed
      const reason = status === "unavailable" ? text(indicator.unavailableReason) || t("notAvailable")
        : status === "proxy" ? text(indicator.proxyNote) || t("notAvailable") : null;
      const hasInputs = status !== "unavailable" && isNumber(indicator.numerator) && isNumber(indicator.denominator);
      return el("article", {
        class: `tile status-${status || "na"} ${indicator.targetStatus ? `target-${indicator.targetStatus}` : ""}`,
        "data-indicator": indicator.id, "data-status": status || "", "data-target-status": indicator.targetStatus || "",
        "data-value": isNumber(shown) ? String(shown) : "",
        "data-numerator": String(indicator.numerator), "data-denominator": String(indicator.denominator),
      },
      el("div", { class: "head" }, el("span", { class: "id" }, indicator.id),
        status ? el("span", { class: `badge status-${status}` }, t(status)) : el("span", { class: "na" }, t("statusNA"))),
      el("h3", { class: "name" }, text(indicator.name)),
      el("div", { class: "value" }, formatValue(shown, unit),
        indicator.period && isNumber(shown) ? el("span", { class: "period" }, ` / ${formatPeriod(indicator.period)}`) : null),
      el("div", { class: "inputs", title: text(indicator.formula) }, hasInputs ? `${integer(indicator.numerator)} / ${integer(indicator.denominator)}` : "–"),
      targetLine(indicator),
      trendChart(indicator),
      trendText(indicator),
      reason ? el("p", { class: `reason ${status}` }, reason) : null,
      freshnessLine(indicator),
      el("button", { type: "button", class: "drill", "data-drill": indicator.id }, `${t("drill")} (${indicator.id})`));
    }));
  }

  function renderRejections() {
    const report = state.indicators && state.indicators.data;
    const body = $("#rejections tbody");
    if (!report) { body.replaceChildren(); return; }
    expect(Array.isArray(report.indicators), "/api/indicators");
    const quality = report.indicators.find((i) => i.id === "I-04");
    if (!quality || !Array.isArray(quality.topRejections)) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: "3" }, na())));
      return;
    }
    body.replaceChildren(...(quality.topRejections.length === 0
      ? [el("tr", {}, el("td", { colspan: "3" }, t("noData")))]
      : quality.topRejections.map((r) => el("tr", {}, el("td", {}, el("code", {}, r.pointer)), el("td", {}, r.reason), el("td", { class: "num" }, integer(r.count))))));
  }

  // --- Drill-down ---------------------------------------------------------------------------------------------------

  function drillChoice() {
    return { id: $("#drill-indicator").value, level: $("#drill-level").value || "commune" };
  }

  function renderDrillControls() {
    const report = state.indicators && state.indicators.data;
    const select = $("#drill-indicator");
    if (!report || !Array.isArray(report.indicators)) return;
    const chosen = select.value || localStorage.getItem("ioc.drillIndicator") || "I-05";
    select.replaceChildren(...report.indicators.map((i) => el("option", { value: i.id }, `${i.id} ${text(i.name)}`)));
    select.value = report.indicators.some((i) => i.id === chosen) ? chosen : (report.indicators[0] || {}).id || "";
    const indicator = report.indicators.find((i) => i.id === select.value);
    const levels = ["province", "commune"].concat(Object.keys((indicator && indicator.breakdowns) || {})
      .filter((key) => key !== "commune" && key !== "province"));
    const level = $("#drill-level");
    const chosenLevel = level.value || localStorage.getItem("ioc.drillLevel") || "commune";
    level.replaceChildren(...levels.map((key) => el("option", { value: key }, levelLabel[key] ? t(levelLabel[key]) : key)));
    level.value = levels.includes(chosenLevel) ? chosenLevel : "commune";
  }

  async function loadDrill() {
    const report = state.indicators && state.indicators.data;
    if (!report || !Array.isArray(report.indicators)) { state.drill = null; return; }
    renderDrillControls();
    const { id, level } = drillChoice();
    const listed = report.indicators.find((i) => i.id === id);
    if (!listed) { state.drill = null; return; }
    if (level === "province") { state.drill = { id, level, indicator: listed, rows: [], source: "list" }; return; }
    const path = `/api/indicators/${encodeURIComponent(id)}?by=${encodeURIComponent(level)}`;
    try {
      const one = await api(path);
      expect(one && typeof one === "object" && one.breakdowns && typeof one.breakdowns === "object", path);
      state.drill = { id, level, indicator: { ...listed, ...one }, rows: one.breakdowns[level] || [], source: "endpoint" };
    } catch (e) {
      // Until the per-level endpoint exists (404/405), the list's own breakdowns stand in; any other failure is an error.
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
        const rows = listed.breakdowns && listed.breakdowns[level];
        state.drill = { id, level, indicator: listed, rows: Array.isArray(rows) ? rows : null, source: "list" };
      } else {
        state.drill = { id, level, indicator: listed, rows: null, source: "endpoint", error: e };
      }
    }
  }

  function renderDrill() {
    const chart = $("#drill-chart");
    const drill = state.drill;
    $("#drill-source").textContent = drill && drill.level !== "province" ? t(drill.source === "endpoint" ? "fromEndpoint" : "fromList") : "";
    if (!drill || drill.error) { chart.replaceChildren(); return; }
    const indicator = drill.indicator;
    const unit = indicator.unit || "percent";
    const available = indicator.status !== "unavailable";
    if (drill.rows === null) { chart.replaceChildren(el("p", {}, na())); return; }
    const rows = drill.rows.filter((r) => r && isNumber(r.denominator) ? r.denominator > 0 : r && isNumber(r.value))
      .sort((a, b) => (b.denominator || 0) - (a.denominator || 0));
    const shown = rows.slice(0, maxBars);
    const bars = [{ key: "province", name: `${t("provinceLevel")} ${(state.indicators.data || {}).provinceCode || ""}`,
      value: available ? indicator.value : null, numerator: indicator.numerator, denominator: indicator.denominator, province: true }]
      .concat(shown.map((r) => ({ key: r.key, name: r.name ? text(r.name) : r.key, value: available ? r.value : null, numerator: r.numerator, denominator: r.denominator })));
    const scale = unit === "percent" ? 100 : Math.max(1, ...bars.map((b) => (isNumber(b.value) ? b.value : 0)));
    const barHeight = 18, gap = 6, labelWidth = 190, width = 680, plot = width - labelWidth - 130;
    const height = bars.length * (barHeight + gap) + 26;
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "data-indicator": indicator.id, "data-level": drill.level,
      "aria-label": `${indicator.id} ${text(indicator.name)} – ${t(levelLabel[drill.level] || "commune")}: ${bars.map((b) => `${b.name} ${formatValue(b.value, unit)}`).join("; ")}` });
    bars.forEach((bar, i) => {
      const y = i * (barHeight + gap) + 4;
      const group = svg("g", bar.province ? { "data-province": "true" } : { "data-commune": bar.key, "data-row": bar.key });
      group.append(svg("text", { x: 0, y: y + 13, class: bar.province ? "bold" : "" }, bar.name));
      if (isNumber(bar.value)) {
        group.append(svg("rect", { x: labelWidth, y, width: Math.max(1, (Math.min(bar.value, scale) / scale) * plot), height: barHeight, rx: 2,
          class: bar.province ? "bar province" : "bar" }));
      }
      const inputs = isNumber(bar.numerator) && isNumber(bar.denominator) && available ? ` (${integer(bar.numerator)}/${integer(bar.denominator)})` : "";
      group.append(svg("text", { x: labelWidth + plot + 6, y: y + 13 }, `${formatValue(bar.value, unit)}${inputs}`));
      root.append(group);
    });
    if (unit === "percent" && isNumber(indicator.target)) {
      const x = labelWidth + (indicator.target / 100) * plot;
      root.append(svg("line", { x1: x, x2: x, y1: 0, y2: height - 18, class: "target-line" }));
      root.append(svg("text", { x: x - 30, y: height - 4 }, `${t("target")} ${number(indicator.target)}%`));
    }
    chart.replaceChildren(root, rows.length > maxBars ? el("p", { class: "muted" }, `${t("shownOf")} ${maxBars} ${t("of")} ${rows.length}`) : "");
    if (!available) chart.append(el("p", { class: "reason unavailable" }, text(indicator.unavailableReason) || t("unavailable")));
  }

  // --- Feeds: freshness, completeness, NDXP -------------------------------------------------------------------------

  function feedTitle(feedId) {
    const status = state.status && state.status.data;
    const feed = status && Array.isArray(status.feeds) ? status.feeds.find((f) => f.feedId === feedId) : null;
    return feed ? text(feed.title) : feedId;
  }

  function completenessBadge(summary) {
    if (summary === undefined) return na();
    if (summary === null || typeof summary !== "object") return el("span", { class: "muted" }, t("notApplicable"));
    const known = ["onTime", "late", "missing", "silent", "unknown"].includes(summary.state) ? summary.state : "unknown";
    return el("span", { class: `badge c-${known}`, "data-completeness": known }, t(`cState_${known}`));
  }

  function renderFreshness() {
    const status = state.status && state.status.data;
    const body = $("#freshness tbody");
    if (!status) { body.replaceChildren(); return; }
    expect(Array.isArray(status.feeds), "/api/feeds/status");
    body.replaceChildren(...status.feeds.map((feed) => el("tr", { "data-feed": feed.feedId, "data-state": feed.state },
      el("td", {}, feed.department ? text(feed.department.name) : "–"),
      el("td", {}, text(feed.title), el("br"), el("small", {}, feed.feedId)),
      el("td", {}, feed.cadence),
      el("td", { title: feed.lastEventAt ? localTime(feed.lastEventAt) : null }, ago(feed.lastEventAt)),
      el("td", {}, el("span", { class: `badge ${feed.state}` }, t(feed.state))),
      el("td", { class: "completeness" }, completenessBadge(feed.completeness)),
      el("td", { class: "num" }, integer(feed.today && feed.today.accepted)),
      el("td", { class: "num" }, integer(feed.today && feed.today.rejected)),
      el("td", { class: "num" }, integer(feed.today && feed.today.duplicates)))));
  }

  function periodStrip(periods) {
    if (!Array.isArray(periods)) return na();
    const recent = periods.slice(-30);
    if (recent.length === 0) return el("span", { class: "muted" }, t("noData"));
    const size = 10, gap = 2;
    const counts = {};
    recent.forEach((p) => { counts[p.status] = (counts[p.status] || 0) + 1; });
    const root = svg("svg", { viewBox: `0 0 ${recent.length * (size + gap)} ${size}`, width: recent.length * (size + gap), height: size, role: "img",
      class: "periods", "aria-label": ["onTime", "late", "missing", "open"].filter((s) => counts[s]).map((s) => `${t(s === "late" ? "lateCount" : s)} ${counts[s]}`).join(", ") });
    recent.forEach((p, i) => root.append(svg("rect", { x: i * (size + gap), y: 0, width: size, height: size, rx: 2, class: `p-${p.status}`, "data-status": p.status },
      svg("title", {}, `${localDate(p.start)}: ${t(p.status === "late" ? "lateCount" : p.status)}`))));
    return root;
  }

  function silentCommunes(feed) {
    const summary = feed.summary || {};
    if (!isNumber(summary.silentEntities)) return na();
    if (summary.silentEntities === 0) return "0";
    const top = Array.isArray(feed.silentByCommune) ? feed.silentByCommune.slice().sort((a, b) => b.entities - a.entities).slice(0, 3) : [];
    return `${integer(summary.silentEntities)}${top.length ? `: ${top.map((c) => `${c.communeName || c.commune} (${integer(c.entities)})`).join(", ")}` : ""}`;
  }

  function renderCompleteness() {
    const report = state.completeness && state.completeness.data;
    const body = $("#completeness tbody");
    if (!report) { body.replaceChildren(); return; }
    expect(Array.isArray(report.feeds), "/api/completeness");
    body.replaceChildren(...(report.feeds.length === 0 ? [el("tr", {}, el("td", { colspan: "9" }, t("noData")))] : report.feeds.map((feed) => {
      const summary = feed.summary || {};
      const of = isNumber(summary.periodsExpected) ? ` / ${integer(summary.periodsExpected)}` : "";
      return el("tr", { "data-feed": feed.feedId, "data-completeness": summary.state || "" },
        el("td", {}, feedTitle(feed.feedId), el("br"), el("small", {}, feed.feedId)),
        el("td", {}, feed.cadence || "–"),
        el("td", {}, completenessBadge(feed.summary)),
        el("td", { class: "num" }, `${integer(summary.onTime)}${of}`),
        el("td", { class: "num" }, integer(summary.late)),
        el("td", { class: "num" }, integer(summary.missing)),
        el("td", { class: "num" }, integer(summary.lateStreak)),
        el("td", {}, periodStrip(feed.periods)),
        el("td", {}, silentCommunes(feed)));
    })));
  }

  function latency(ms) {
    if (!isNumber(ms)) return "–";
    return ms < 1000 ? `${integer(Math.round(ms))} ${t("ms")}` : `${number(ms / 1000)} ${t("seconds")}`;
  }

  function renderNdxp() {
    const status = state.status && state.status.data;
    const body = $("#ndxp tbody");
    const other = $("#ndxp-other");
    if (!status) { body.replaceChildren(); other.textContent = ""; return; }
    expect(Array.isArray(status.feeds), "/api/feeds/status");
    const section = $("#panel-ndxp");
    if (!status.feeds.some((feed) => "ndxp" in feed)) {
      section.dataset.available = "false";
      body.replaceChildren(el("tr", {}, el("td", { colspan: "7" }, na())));
      other.textContent = "";
      return;
    }
    section.dataset.available = "true";
    const published = status.feeds.filter((feed) => feed.ndxp && typeof feed.ndxp === "object");
    body.replaceChildren(...(published.length === 0 ? [el("tr", {}, el("td", { colspan: "7" }, t("noNdxpFeeds")))] : published.map((feed) => {
      const ndxp = feed.ndxp;
      const outcome = ["delivered", "retrying", "deadLettered"].includes(ndxp.lastOutcome) ? ndxp.lastOutcome : null;
      return el("tr", { "data-feed": feed.feedId, "data-outcome": outcome || "" },
        el("td", {}, text(feed.title), el("br"), el("small", {}, feed.feedId)),
        el("td", { class: "num" }, integer(ndxp.delivered30Days)),
        el("td", { title: ndxp.lastDeliveredAt ? localTime(ndxp.lastDeliveredAt) : null }, ago(ndxp.lastDeliveredAt)),
        el("td", {}, outcome ? el("span", { class: `badge o-${outcome}` }, t(`outcome_${outcome}`)) : "–"),
        el("td", { class: "num" }, integer(ndxp.retrying)),
        el("td", { class: "num" }, integer(ndxp.deadLettered30Days)),
        el("td", { class: "num" }, latency(ndxp.latencyP50Ms)));
    })));
    const notSent = status.feeds.filter((feed) => feed.ndxp === null).map((feed) => text(feed.title) || feed.feedId);
    other.textContent = notSent.length > 0 ? `${t("notToNdxp")}: ${notSent.join(", ")}` : "";
  }

  // --- Reports and latest records -----------------------------------------------------------------------------------

  function departmentName(code) {
    const status = state.status && state.status.data;
    const feed = status && Array.isArray(status.feeds) ? status.feeds.find((f) => f.department && f.department.code === code) : null;
    return feed ? `${text(feed.department.name)} (${code})` : code;
  }

  /** Report files need the reader's token, so a link fetches with it and hands the file to the browser as a download. */
  async function download(link) {
    const path = link.getAttribute("href");
    try {
      const response = await authorized(path);
      if (!response.ok) throw new ApiError(path, response.status, response.statusText);
      const url = URL.createObjectURL(await response.blob());
      const save = el("a", { href: url, download: link.dataset.file });
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      showErrors("reports", state.reports && state.reports.error ? [state.reports.error] : []);
    } catch (e) {
      showErrors("reports", [e]);
    }
  }

  function renderReports() {
    const data = state.reports && state.reports.data;
    const body = $("#reports tbody");
    if (!data) { body.replaceChildren(); return; }
    expect(Array.isArray(data.reports), "/api/reports");
    // The newest report of each kind and scope, the province first.
    const newest = new Map();
    data.reports.slice().sort((a, b) => Date.parse(b.generatedAt) - Date.parse(a.generatedAt))
      .forEach((report) => { const key = `${report.kind}|${report.scope}`; if (!newest.has(key)) newest.set(key, report); });
    const rows = [...newest.values()].sort((a, b) => (a.scope === "province" ? 0 : 1) - (b.scope === "province" ? 0 : 1)
      || String(a.scope).localeCompare(String(b.scope)) || String(a.kind).localeCompare(String(b.kind)));
    body.replaceChildren(...(rows.length === 0 ? [el("tr", {}, el("td", { colspan: "5" }, t("noReports")))] : rows.map((report) =>
      el("tr", { "data-report": report.id, "data-kind": report.kind, "data-scope": report.scope },
        el("td", {}, t(report.kind)),
        el("td", {}, report.scope === "province" ? t("provinceScope") : departmentName(report.scope)),
        el("td", {}, `${localDate(report.periodStart)} – ${localDate(report.periodEnd)}`),
        el("td", {}, report.generatedAt ? localTime(report.generatedAt) : "–"),
        el("td", { class: "files" },
          report.html ? el("a", { href: report.html, "data-file": `${report.id}.html`, class: "report-file" }, "HTML") : null, " ",
          report.csv ? el("a", { href: report.csv, "data-file": `${report.id}.csv`, class: "report-file" }, "CSV") : null)))));
  }

  async function loadLatest() {
    const status = state.status && state.status.data;
    if (!status || !Array.isArray(status.feeds)) { state.latest = null; return; }
    // Bounded: one page per feed of what changed in the last hour, newest first.
    const since = new Date(Date.now() - 3600 * 1000).toISOString();
    const errors = [], withheld = [];
    const pages = await Promise.all(status.feeds.map((feed) => {
      const path = `/api/snapshots/${encodeURIComponent(feed.feedId)}?updatedSince=${encodeURIComponent(since)}&pageSize=50`;
      return api(path)
        .then((page) => { expect(Array.isArray(page.items), path); return page.items.map((item) => ({ ...item, feedId: feed.feedId, feedTitle: feed.title })); })
        .catch((e) => {
          // A restricted feed's records need its own role: not readable with this sign-in is not a failure of the page.
          if (e instanceof ApiError && e.status === 403) withheld.push(feed); else errors.push(e);
          return [];
        });
    }));
    state.latest = { items: pages.flat().sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt)).slice(0, 12), errors, withheld };
  }

  function renderLatest() {
    const items = state.latest ? state.latest.items : [];
    const withheld = state.latest ? state.latest.withheld : [];
    $("#latest-withheld").textContent = withheld.length > 0 ? `${t("withheld")}: ${withheld.map((feed) => text(feed.title) || feed.feedId).join(", ")}` : "";
    $("#latest tbody").replaceChildren(...(items.length === 0
      ? [el("tr", {}, el("td", { colspan: "4" }, t("noData")))]
      : items.map((item) => el("tr", {},
        el("td", {}, localTime(item.updatedAt)),
        el("td", {}, item.feedTitle ? text(item.feedTitle) : item.feedId),
        el("td", {}, el("code", {}, item.subject)),
        el("td", {}, item.communeName || item.commune || t("online"))))));
  }

  // --- Page ---------------------------------------------------------------------------------------------------------

  function applyLabels() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
    const other = $("#lang");
    other.textContent = lang === "vi" ? "EN" : "VI";
    other.setAttribute("aria-label", lang === "vi" ? "EN – English" : "VI – Tiếng Việt");
  }

  function renderAll() {
    applyLabels();
    const indicators = state.indicators && state.indicators.data;
    const status = state.status && state.status.data;
    $("#province").textContent = (indicators && indicators.provinceCode) || "–";
    const at = (status && status.at) || (indicators && indicators.computedAt);
    $("#updated").textContent = at ? localTime(at) : "–";
    panel("indicators", [state.indicators], renderTiles);
    panel("drilldown", [state.indicators, state.drill], () => { renderDrillControls(); renderDrill(); });
    panel("completeness", [state.completeness], renderCompleteness);
    panel("freshness", [state.status], renderFreshness);
    panel("ndxp", [state.status], renderNdxp);
    panel("reports", [state.reports], renderReports);
    panel("rejections", [state.indicators], renderRejections);
    panel("latest", [state.status].concat((state.latest ? state.latest.errors : []).map((error) => ({ error }))), renderLatest);
  }

  async function load(key, path) {
    try {
      state[key] = { data: await api(path), error: null };
    } catch (e) {
      state[key] = { data: null, error: e };
    }
    renderAll();
  }

  let refreshing = false;
  async function refresh() {
    if (refreshing) return;
    refreshing = true;
    try {
      await Promise.allSettled([
        load("indicators", "/api/indicators").then(loadDrill),
        load("status", "/api/feeds/status").then(loadLatest),
        load("completeness", "/api/completeness"),
        load("reports", "/api/reports"),
      ]);
      const failed = document.querySelectorAll("[data-panel][data-state='error']").length;
      $("#status").textContent = failed > 0 ? `${t("error")}: ${failed}` : "";
    } finally {
      refreshing = false;
      renderAll();
      document.body.dataset.loaded = "true";
    }
  }

  $("#lang").addEventListener("click", () => {
    lang = lang === "vi" ? "en" : "vi";
    localStorage.setItem("ioc.lang", lang);
    renderAll();
  });
  const redrill = () => loadDrill().then(renderAll);
  $("#drill-indicator").addEventListener("change", (e) => {
    localStorage.setItem("ioc.drillIndicator", e.target.value);
    $("#drill-level").value = "";
    redrill();
  });
  $("#drill-level").addEventListener("change", (e) => {
    localStorage.setItem("ioc.drillLevel", e.target.value);
    redrill();
  });
  $("#tiles").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-drill]");
    if (!button) return;
    $("#drill-indicator").value = button.dataset.drill;
    $("#drill-level").value = "commune";
    redrill();
    $("#panel-drilldown").scrollIntoView();
    $("#drill-indicator").focus();
  });
  $("#reports").addEventListener("click", (e) => {
    const link = e.target.closest("a.report-file");
    if (!link) return;
    e.preventDefault();
    download(link);
  });

  window.iocAuth.loadConfig().catch(() => ({ refreshSeconds: 15 })).then((config) => {
    refresh();
    setInterval(refresh, Math.max(5, config.refreshSeconds || 15) * 1000);
  });
})();
