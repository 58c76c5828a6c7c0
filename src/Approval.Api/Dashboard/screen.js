// Shared by the one screen's pages: authenticated reads (the HttpOnly session cookie), the live
// feed with "last heard from the server", and small formatters. No framework, no build step.
"use strict";
const screen = (() => {
  const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const pct = (x) => (x === null || x === undefined ? "—" : (x * 100).toFixed(1) + "%");
  const num = (x) => (x === null || x === undefined ? "—" : String(x));
  const time = (iso) => new Date(iso).toLocaleString("zh-CN", { hour12: false });
  const colourName = { green: "正常", yellow: "黄牌", red: "红牌" };

  async function api(path, as = "json") {
    const response = await fetch(path, { credentials: "same-origin", headers: { Accept: as === "json" ? "application/json" : "image/svg+xml" } });
    if (response.status === 401 || response.status === 403) {
      location.href = "/signin?returnUrl=" + encodeURIComponent(location.pathname);
      throw new Error("请先登录 (sign in first)");
    }
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return as === "json" ? response.json() : response.text();
  }

  function daysLeft(n, dueIso) {
    if (new Date(dueIso) < new Date() || n < 0) return `<span class="red">超时 ${Math.max(1, -n)} 个工作日</span>`;
    return n === 0 ? `<span class="yellow">今日到期</span>` : `剩余 ${n} 个工作日`;
  }

  // Refreshes on every change the server pushes (and on its heartbeat, which other nodes' changes
  // need); says when the server was last heard from, and warns when that is long ago.
  function live(refresh) {
    const heard = document.getElementById("heard");
    let last = null, pending = null;
    const schedule = () => { clearTimeout(pending); pending = setTimeout(refresh, 250); };
    const mark = (kind) => {
      last = new Date();
      heard.textContent = "最后收到服务器消息 " + last.toLocaleTimeString("zh-CN", { hour12: false });
      heard.dataset.kind = kind;
      heard.classList.remove("stale");
    };
    const source = new EventSource("/api/supervision/live");
    for (const kind of ["hello", "heartbeat", "case-started", "task-finished", "card-issued"]) {
      source.addEventListener(kind, (e) => {
        mark(kind);
        if (kind !== "hello") schedule();
        if (kind !== "hello" && kind !== "heartbeat") window.dispatchEvent(new CustomEvent("screen-change", { detail: JSON.parse(e.data) }));
      });
    }
    source.onerror = () => { heard.textContent = "与服务器的连接中断，正在重连…" + (last ? "（最后消息 " + last.toLocaleTimeString("zh-CN", { hour12: false }) + "）" : ""); heard.classList.add("stale"); };
    setInterval(() => { if (last && Date.now() - last > 30000) heard.classList.add("stale"); }, 5000);
    return source;
  }

  // A line chart of several series over the days, drawn as SVG.
  function trendChart(days, series) {
    const w = 900, h = 220, left = 36, bottom = 28, top = 12, right = 10;
    const step = Math.max(1, Math.ceil(Math.max(1, ...series.flatMap((s) => s.values)) / 4));
    const max = step * 4;
    const x = (i) => left + (i * (w - left - right)) / Math.max(1, days.length - 1);
    const y = (v) => top + (h - top - bottom) * (1 - v / max);
    let svg = `<svg class="chart" viewBox="0 0 ${w} ${h}" role="img" aria-label="30天趋势">`;
    for (let k = 0; k <= 4; k++) {
      const v = step * k;
      svg += `<line x1="${left}" x2="${w - right}" y1="${y(v)}" y2="${y(v)}" stroke="#334155"/><text x="4" y="${y(v) + 4}">${v}</text>`;
    }
    days.forEach((d, i) => { if (i % 5 === 0 || i === days.length - 1) svg += `<text x="${x(i) - 14}" y="${h - 8}">${d.slice(5)}</text>`; });
    for (const s of series) {
      svg += `<polyline fill="none" stroke="${s.colour}" stroke-width="2.2" points="${s.values.map((v, i) => `${x(i)},${y(v)}`).join(" ")}"><title>${esc(s.name)}</title></polyline>`;
    }
    return svg + "</svg>";
  }

  function legend(series) { return `<div class="legend">${series.map((s) => `<span style="color:${s.colour}">■ ${esc(s.name)}</span>`).join("")}</div>`; }

  function fail(error) { const e = document.getElementById("error"); if (e) e.textContent = "加载失败：" + error.message; }

  return { esc, pct, num, time, api, daysLeft, live, trendChart, legend, fail, colourName };
})();
