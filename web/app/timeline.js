// The chronology of a request for assistance as an SVG: one row per stage, all rows sharing
// one time axis (days from the request), so the gaps are seen as well as read; the charter's
// limit is drawn on the row it applies to and a stage past it is marked overdue.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html, useApp } from './ui.js';
import { formatTime } from './format.js';

const PAD_L = 8;
const PAD_R = 16;
const AXIS_H = 40;
const LINE = 17;
const FONT = 13;

// A step of the record (reached) rather than a stage of the charter's procedure not reached yet;
// an older server says so only by the date.
export function isReached(s) {
  return typeof s.reached === 'boolean' ? s.reached : !!s.at;
}

// Days from the request as a fraction, hours being the finer measure when given.
export function daysOf(s) {
  if (typeof s.hours_from_request === 'number') return s.hours_from_request / 24;
  if (typeof s.days_from_request === 'number') return s.days_from_request;
  return null;
}

export function limitOf(s) {
  if (typeof s.limit_days === 'number') return s.limit_days;
  if (typeof s.limit_hours === 'number') return s.limit_hours / 24;
  return null;
}

// A round step giving about `want` ticks between 0 and max.
function tickStep(max, want) {
  const raw = Math.max(max / Math.max(want, 1), 1e-9);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) || 10 * mag;
  return Math.max(step, max < 1 ? 0.25 : 1);
}

// Greedy word wrap by an estimate of the glyph width (SVG text does not wrap by itself).
function wrap(text, width) {
  const perLine = Math.max(12, Math.floor(width / (FONT * 0.62)));
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/)) {
    if (line && (line + ' ' + word).length > perLine) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function useWidth(ref, fallback = 640) {
  const [w, setW] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => setW(Math.max(260, Math.floor(el.clientWidth)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return w;
}

// "limit: 30 d" or "limit: 72 h", as the charter sets it.
export function limitWords(s, t) {
  if (typeof s.limit_days === 'number') return t('timeline.limit_days', { n: s.limit_days });
  if (typeof s.limit_hours === 'number') return t('timeline.limit_hours', { n: s.limit_hours });
  return '';
}

// stages: the steps of the record (reached stages, each with its date); label(stage) -> words for
// the step. Stages not reached yet have no place on a time axis and are listed apart.
export function Timeline({ stages, label, titleId }) {
  const { t, lang } = useApp();
  const box = useRef(null);
  const width = useWidth(box);
  const x0 = PAD_L + 6;
  const x1 = width - PAD_R;
  const max = Math.max(1, ...stages.map((s) => daysOf(s) ?? 0), ...stages.map((s) => limitOf(s) ?? 0));
  const step = tickStep(max, Math.floor((x1 - x0) / 70));
  const end = Math.ceil(max / step) * step;
  const x = (d) => x0 + (Math.min(d, end) / end) * (x1 - x0);

  let y = AXIS_H + 18;
  const rows = stages.map((s, i) => {
    const d = daysOf(s);
    const lim = limitOf(s);
    const when = s.at
      ? `${t('timeline.day', { n: s.days_from_request ?? Math.floor(d) })} · ${formatTime(s.at, lang)}`
      : t('timeline.not_reached');
    const words = wrap(label(s), x1 - x0);
    const top = y;
    const trackY = top + LINE * (1 + words.length) + 6;
    y = trackY + (lim !== null ? 32 : 18);
    return { s, i, d, lim, when, words, top, trackY };
  });
  const height = y + 4;
  const ticks = [];
  for (let v = 0; v <= end + 1e-9; v += step) ticks.push(v);

  return html`<div class="timeline" ref=${box}>
    <svg width=${width} height=${height} viewBox=${`0 0 ${width} ${height}`} role="img" aria-labelledby=${titleId}
      xmlns="http://www.w3.org/2000/svg" font-size=${FONT}>
      <g class="axis" aria-hidden="true">
        <text x=${x0} y="14" class="axis-title">${t('timeline.axis')}</text>
        <line x1=${x0} x2=${x1} y1=${AXIS_H - 8} y2=${AXIS_H - 8} />
        ${ticks.map((v) => html`<g><line x1=${x(v)} x2=${x(v)} y1=${AXIS_H - 13} y2=${AXIS_H - 3} />
          <text x=${x(v)} y=${AXIS_H + 8} text-anchor=${v === 0 ? 'start' : v >= end ? 'end' : 'middle'}>${Number.isInteger(v) ? v : v.toFixed(2)}</text></g>`)}
      </g>
      ${rows.map((r) => html`<g class=${`stage${r.s.overdue ? ' overdue' : ''}${r.s.at ? '' : ' unreached'}`} data-stage=${r.s.stage}>
        <text x=${x0} y=${r.top + LINE - 4} class="when">${r.when}${r.s.overdue ? ` — ${t('timeline.overdue')}` : ''}</text>
        ${r.words.map((w, k) => html`<text x=${x0} y=${r.top + LINE * (k + 2) - 4} class="what">${w}</text>`)}
        <line class="track" x1=${x0} x2=${x1} y1=${r.trackY} y2=${r.trackY} />
        ${r.d !== null ? html`<line class="elapsed" x1=${x0} x2=${x(r.d)} y1=${r.trackY} y2=${r.trackY} />` : null}
        ${r.lim !== null ? html`<g class="limit"><line x1=${x(r.lim)} x2=${x(r.lim)} y1=${r.trackY - 9} y2=${r.trackY + 9} />
          <text x=${x(r.lim)} y=${r.trackY + 20} text-anchor=${x(r.lim) > x1 - 60 ? 'end' : x(r.lim) < x0 + 40 ? 'start' : 'middle'} class="limit-label">${limitWords(r.s, t)}</text></g>` : null}
        ${r.d !== null ? html`<circle cx=${x(r.d)} cy=${r.trackY} r="6" class="marker" />` : null}
      </g>`)}
    </svg>
  </div>`;
}
