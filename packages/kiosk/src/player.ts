/**
 * The offline player: one self-contained index.html (inline CSS and JS, no network). Everything
 * Chinese it shows is a PNG set with the project's fonts (the slides and empty.png), so the kiosk
 * needs no CJK font of its own; the clock is digits only. It plays the playlist embedded at build time,
 * re-reads playlist.json (over http) or playlist.js (from file://, where fetch is blocked) on an
 * interval, switches to a new version between slides without reloading, and keeps the last good
 * playlist when the new one is missing or broken.
 */
import type { Playlist } from './playlist.js'
import { PLAYLIST_GLOBAL } from './playlist.js'

/** Words of the empty-state screen (drawn into empty.png; kept in the page as text for screen readers and as a fallback). */
export const PLAYER_TEXT = {
  empty: '当前没有正在公示的信息',
  hint: '更多政务公开信息请访问政府网站或到服务窗口咨询',
} as const

/** The empty-state image beside index.html. */
export const EMPTY_IMAGE = 'empty.png'
/** Seconds a touch or key pauses the automatic advance for. */
export const RESUME_SECONDS = 60

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** index.html with the initial playlist embedded. */
export function playerHtml(playlist: Playlist): string {
  const t = playlist.theme
  const initial = JSON.stringify(playlist).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(playlist.body)} 政务公开</title>
<style>
html,body{margin:0;height:100%;overflow:hidden;background:${t.background};color:${t.foreground};font-family:sans-serif;font-weight:700;cursor:none;user-select:none;-webkit-user-select:none;touch-action:none}
#stage{position:fixed;left:0;top:0;right:0;bottom:0}
#stage img{position:absolute;left:0;top:0;width:100%;height:100%;object-fit:contain;opacity:0;transition:opacity .35s linear}
#stage img.on{opacity:1}
#clock{position:fixed;text-align:right;white-space:nowrap;line-height:1.15;z-index:2}
#clock .t{display:block}
#clock .d{display:block;font-size:.5em}
#empty{position:fixed;left:0;top:0;right:0;bottom:0;display:none}
#empty img{position:absolute;left:0;top:0;width:100%;height:100%;object-fit:contain}
#empty .txt{position:absolute;left:6%;right:6%;top:0;bottom:0;display:none;flex-direction:column;align-items:center;justify-content:center;text-align:center}
#empty.noimg .txt{display:flex}
#empty .b{font-size:6vmin;margin-bottom:5vmin;color:${t.accent}}
#empty .n{font-size:5vmin;margin-bottom:3vmin}
#empty .h{font-size:3.6vmin}
body.empty #empty{display:block}
body.empty #stage{visibility:hidden}
#paused{position:fixed;border-radius:12%;display:none;justify-content:space-evenly;background:${t.foreground};z-index:3}
#paused i{width:24%;height:64%;align-self:center;background:${t.background}}
body.paused #paused{display:flex}
</style>
</head>
<body class="empty" data-mode="empty">
<div id="stage"><img alt=""><img alt=""></div>
<div id="clock" aria-live="off"><span class="t"></span><span class="d"></span></div>
<div id="empty" role="status"><img src="${EMPTY_IMAGE}" alt="" onerror="this.parentNode.className='noimg'"><div class="txt"><div class="b">${esc(playlist.body)}</div><div class="n">${PLAYER_TEXT.empty}</div><div class="h">${PLAYER_TEXT.hint}</div></div></div>
<div id="paused" title="paused"><i></i><i></i></div>
<script>
(function () {
  'use strict';
  var GLOBAL = '${PLAYLIST_GLOBAL}';
  var RESUME = ${RESUME_SECONDS * 1000};
  var q = new URLSearchParams(location.search);
  // An injectable clock: ?now=ISO starts the clock there (it runs on from it); tests may also set window.__gongkaiKioskNow.
  var offset = 0;
  if (q.get('now')) { var fixed = Date.parse(q.get('now')); if (!isNaN(fixed)) offset = fixed - Date.now(); }
  function now() { return typeof window.__gongkaiKioskNow === 'function' ? window.__gongkaiKioskNow() : Date.now() + offset; }
  var fromFile = location.protocol === 'file:';

  var list = null, cur = null, shownAt = 0, loading = null, failed = {}, paused = false, pausedUntil = 0, shown = 0, mode = 'empty';
  var imgs = document.querySelectorAll('#stage img'), front = 0;
  var clockEl = document.getElementById('clock'), timeEl = clockEl.querySelector('.t'), dateEl = clockEl.querySelector('.d');
  var pausedEl = document.getElementById('paused');
  var fmt = null, fmtZone = null;

  function parts(ms, zone) {
    if (fmtZone !== zone) {
      var o = { hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' };
      try { fmt = new Intl.DateTimeFormat('en-US', Object.assign({ timeZone: zone }, o)); } catch (e) { fmt = new Intl.DateTimeFormat('en-US', o); }
      fmtZone = zone;
    }
    var p = {};
    fmt.formatToParts(new Date(ms)).forEach(function (x) { p[x.type] = x.value; });
    var hour = p.hour === '24' ? '00' : p.hour;
    return { date: p.year + '-' + p.month + '-' + p.day, day: { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }[p.weekday], minutes: Number(hour) * 60 + Number(p.minute), hh: hour, mm: p.minute };
  }
  function minutesOf(hhmm) { return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)); }
  function onDay(days, d) { return !days || days.indexOf(d) >= 0; }
  function visible(s, p) {
    if (p.date < s.from || p.date > s.until) return false;
    if (!s.times || !s.times.length) return onDay(s.days, p.day);
    for (var i = 0; i < s.times.length; i++) {
      var f = minutesOf(s.times[i].from), u = minutesOf(s.times[i].until);
      if (f < u) { if (p.minutes >= f && p.minutes < u && onDay(s.days, p.day)) return true; }
      else {
        // Overnight: the evening part belongs to today, the small hours to the day before.
        if (p.minutes >= f && onDay(s.days, p.day)) return true;
        if (p.minutes < u && onDay(s.days, p.day === 1 ? 7 : p.day - 1)) return true;
      }
    }
    return false;
  }
  function key(s) { return s.src + '?r=' + encodeURIComponent(s.revision || ''); }
  function valid(d) {
    if (!d || typeof d !== 'object' || typeof d.version !== 'string' || !Array.isArray(d.slides)) return false;
    if (typeof d.width !== 'number' || typeof d.height !== 'number' || !d.clock || !d.theme) return false;
    return d.slides.every(function (s) {
      return s && typeof s.src === 'string' && /^slides\\/[A-Za-z0-9][A-Za-z0-9_-]*\\.png$/.test(s.src) && typeof s.durationSeconds === 'number' && s.durationSeconds > 0 &&
        typeof s.from === 'string' && typeof s.until === 'string' && (s.days === undefined || Array.isArray(s.days)) && (s.times === undefined || Array.isArray(s.times));
    });
  }
  function accept(d) {
    if (!valid(d)) return false;
    if (!list || d.version !== list.version) {
      list = d;
      failed = {};
      document.querySelector('#empty .b').textContent = d.body;
      document.body.style.background = d.theme.background;
      place();
    }
    return true;
  }
  function refresh() {
    if (fromFile) {
      var old = document.getElementById('gk-playlist');
      if (old) old.parentNode.removeChild(old);
      window[GLOBAL] = undefined;
      var sc = document.createElement('script');
      sc.id = 'gk-playlist';
      sc.src = 'playlist.js?t=' + Date.now();
      sc.onload = function () { accept(window[GLOBAL]); };
      document.head.appendChild(sc);
    } else {
      fetch('playlist.json?t=' + Date.now(), { cache: 'no-store' })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(accept, function () { /* keep the last good playlist */ });
    }
  }
  // The clock sits in the band each slide leaves free for it, scaled as the slide is.
  function place() {
    if (!list) return;
    var W = window.innerWidth, H = window.innerHeight, k = Math.min(W / list.width, H / list.height);
    var ox = (W - list.width * k) / 2, oy = (H - list.height * k) / 2, c = list.clock;
    clockEl.style.left = (ox + c.x * k) + 'px';
    clockEl.style.top = (oy + c.y * k) + 'px';
    clockEl.style.width = (c.width * k) + 'px';
    clockEl.style.fontSize = (c.height * k * 0.56) + 'px';
    clockEl.style.color = list.theme.foreground;
    // The pause sign shares the clock's band (left end), which every slide leaves free: at the
    // foot of the screen it covered the slide's own footer.
    var side = c.height * k * 0.7;
    pausedEl.style.left = (ox + c.x * k) + 'px';
    pausedEl.style.top = (oy + c.y * k + (c.height * k - side) / 2) + 'px';
    pausedEl.style.width = side + 'px';
    pausedEl.style.height = side + 'px';
  }
  function setMode(m) {
    mode = m;
    document.body.className = (m === 'empty' ? 'empty' : '') + (paused ? ' paused' : '');
    document.body.setAttribute('data-mode', m);
    document.body.setAttribute('data-current', cur ? cur.src : '');
  }
  function show(s) {
    var k = key(s);
    if (cur && key(cur) === k && mode === 'slide') { shownAt = now(); return; }
    var back = imgs[1 - front];
    loading = k;
    back.onload = function () {
      if (loading !== k) return;
      loading = null;
      back.classList.add('on');
      imgs[front].classList.remove('on');
      front = 1 - front;
      cur = s;
      shownAt = now();
      shown++;
      setMode('slide');
    };
    back.onerror = function () {
      if (loading !== k) return;
      loading = null;
      failed[k] = true;
      setTimeout(tick, 0);
    };
    back.src = k;
  }
  function playable(p) { return list ? list.slides.filter(function (s) { return !failed[key(s)] && visible(s, p); }) : []; }
  function step(dir, vis) {
    if (!vis.length) return;
    var i = -1;
    if (cur) for (var j = 0; j < vis.length; j++) if (key(vis[j]) === key(cur)) { i = j; break; }
    show(i < 0 ? vis[dir > 0 ? 0 : vis.length - 1] : vis[(i + dir + vis.length) % vis.length]);
  }
  function tick() {
    var t = now(), p = parts(t, list ? list.timezone : 'Asia/Shanghai');
    timeEl.textContent = p.hh + ':' + p.mm;
    dateEl.textContent = p.date;
    if (paused && t >= pausedUntil) { paused = false; setMode(mode); }
    var vis = playable(p);
    if (!vis.length) { loading = null; cur = null; imgs[0].classList.remove('on'); imgs[1].classList.remove('on'); setMode('empty'); return; }
    if (loading) return;
    var still = cur && vis.some(function (s) { return key(s) === key(cur); });
    if (!cur || !still || mode !== 'slide') step(1, vis);
    else if (!paused && t - shownAt >= cur.durationSeconds * 1000) step(1, vis);
  }
  function manual(dir) {
    paused = true;
    pausedUntil = now() + RESUME;
    loading = null;
    step(dir, playable(parts(now(), list ? list.timezone : 'Asia/Shanghai')));
    setMode(mode);
  }
  function togglePause() {
    paused = !paused;
    pausedUntil = now() + RESUME;
    if (!paused) shownAt = now();
    setMode(mode);
  }
  document.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === 'PageDown') { manual(1); e.preventDefault(); }
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp' || e.key === 'PageUp') { manual(-1); e.preventDefault(); }
    else if (e.key === ' ' || e.key === 'Enter') { togglePause(); e.preventDefault(); }
  });
  var down = null;
  document.addEventListener('pointerdown', function (e) { down = { x: e.clientX, y: e.clientY }; });
  document.addEventListener('pointerup', function (e) {
    if (!down) return;
    var dx = e.clientX - down.x, w = window.innerWidth;
    down = null;
    if (Math.abs(dx) > w * 0.08) manual(dx < 0 ? 1 : -1);
    else if (e.clientX < w / 3) manual(-1);
    else if (e.clientX > (w * 2) / 3) manual(1);
    else togglePause();
  });
  window.addEventListener('resize', place);
  window.gongkaiKiosk = {
    state: function () {
      var p = parts(now(), list ? list.timezone : 'Asia/Shanghai');
      return { mode: mode, current: cur ? cur.src : null, version: list ? list.version : null, paused: paused, shown: shown, playable: playable(p).map(function (s) { return s.src; }) };
    },
    refresh: refresh,
    tick: tick
  };
  accept(${initial});
  tick();
  refresh();
  setInterval(tick, 250);
  setInterval(refresh, (list ? list.refreshSeconds : 60) * 1000);
})();
</script>
</body>
</html>
`
}
