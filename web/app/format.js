// Dates as recorded (the event's own local time and UTC offset, never the browser's zone) and
// the plain-word sentences that say where a decision stands.

const LOCALES = { en: 'en-GB', ru: 'ru-RU' };

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

// "2023-11-23T10:00:00+03:00" -> its parts, as written; null if it is not a time.
export function parseTime(s) {
  if (typeof s !== 'string') return null;
  const m = TIME_RE.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, hh, mi, ss, off] = m;
  return {
    y: +y, mo: +mo, d: +d,
    hasTime: hh !== undefined, hh: +(hh || 0), mi: +(mi || 0), ss: +(ss || 0),
    offset: off ? (off.toUpperCase() === 'Z' ? 'Z' : off.length === 5 ? `${off.slice(0, 3)}:${off.slice(3)}` : off) : null,
  };
}

// Intl formats the recorded wall-clock parts in UTC, so the browser's own zone never shifts them.
function wallClock(p) {
  return new Date(Date.UTC(p.y, p.mo - 1, p.d, p.hh, p.mi, p.ss));
}

function partsOf(date, lang, opts) {
  const out = {};
  for (const part of new Intl.DateTimeFormat(LOCALES[lang] || lang, { timeZone: 'UTC', ...opts }).formatToParts(date)) {
    out[part.type] = part.value;
  }
  return out;
}

// "23 Nov 2023" / "23 нояб. 2023"
export function formatDay(s, lang) {
  const p = parseTime(s);
  if (!p) return s || '';
  const x = partsOf(wallClock(p), lang, { day: 'numeric', month: 'short', year: 'numeric' });
  return `${x.day} ${x.month} ${x.year}`;
}

export function offsetLabel(offset) {
  if (!offset) return '';
  return offset === 'Z' || offset === '+00:00' ? 'UTC' : `UTC${offset}`;
}

// "23 Nov 2023, 10:00 (UTC+03:00)"; a bare date stays a date.
export function formatTime(s, lang) {
  const p = parseTime(s);
  if (!p) return s || '';
  const day = formatDay(s, lang);
  if (!p.hasTime) return day;
  const x = partsOf(wallClock(p), lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const off = offsetLabel(p.offset);
  return `${day}, ${x.hour}:${x.minute}${off ? ` (${off})` : ''}`;
}

// The <time datetime> attribute wants a valid machine-readable value.
export function machineTime(s) {
  return parseTime(s) ? s : undefined;
}

export function listOf(items, lang) {
  if (!items.length) return '';
  try {
    return new Intl.ListFormat(LOCALES[lang] || lang, { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

// "A, B or C": alternatives, as the what-if panel lists them.
export function orList(items, lang) {
  if (!items.length) return '';
  try {
    return new Intl.ListFormat(LOCALES[lang] || lang, { style: 'long', type: 'disjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

// 0.1667 -> "16.7%" / "16,7 %"
export function percent(x, lang) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '—';
  return new Intl.NumberFormat(LOCALES[lang] || lang, { style: 'percent', maximumFractionDigits: 1 }).format(x);
}

// Member states grouped by their status on one decision.
function byStatus(members = {}) {
  const g = {};
  for (const [m, s] of Object.entries(members)) (g[s] ||= []).push(m);
  return g;
}

const SIGNED = ['signed', 'signed_with_reservation', 'acceded', 'acceded_with_reservation', 'in_favour'];

// The status of a decision in plain words, e.g. "adopted ad referendum; pending the accession of
// Armenia; applied provisionally among the five signatories". t is the translator, name(id) a
// member's name in the interface language.
export function decisionSentence(d, { t, name, lang, number }) {
  if (!d) return '';
  const g = byStatus(d.members);
  const names = (ids) => listOf((ids || []).map(name), lang);
  const parts = [];
  const status = d.status || 'pending';
  const signatories = SIGNED.flatMap((s) => g[s] || []);
  const all = Object.keys(d.members || {}).length;
  switch (status) {
    case 'pending':
      parts.push(t('sentence.pending'));
      break;
    case 'adopted':
      parts.push(t('sentence.adopted'));
      if (all && (d.binding_on || []).length === all) parts.push(t('sentence.binding_all'));
      break;
    case 'adopted_limited':
      parts.push(t('sentence.adopted_limited'));
      break;
    case 'pending_accession':
      parts.push(t('sentence.pending_accession'));
      if (g.pending) parts.push(t('sentence.pending_of', { list: names(g.pending) }));
      if (d.provisional) {
        const n = (d.binding_on || signatories).length;
        parts.push(t('sentence.provisional', { n: number(n) }));
      }
      break;
    case 'not_adopted':
      parts.push(t('sentence.not_adopted'));
      if (g.objected) parts.push(t('sentence.objected', { list: names(g.objected) }));
      break;
    default:
      parts.push(t(`status.${status}`));
  }
  if (status !== 'pending') {
    if (g.refused) parts.push(t('sentence.refused', { list: names(g.refused) }));
    if (g.refused_objects) parts.push(t('sentence.refused_objects', { list: names(g.refused_objects) }));
    if (g.non_objection) parts.push(t('sentence.non_objection', { list: names(g.non_objection) }));
    if (g.not_interested) parts.push(t('sentence.not_interested', { list: names(g.not_interested) }));
    if (status !== 'pending_accession' && d.provisional) parts.push(t('sentence.provisional_short'));
  }
  const s = parts.join('; ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// The date that goes with a member's state on a decision: its own act if there is one (the
// latest), else the day it was decided for those who signed then.
export function memberDate(d, member) {
  const acts = (d.acts || []).filter((a) => a.member === member && a.act !== 'transmitted');
  if (acts.length) return acts[acts.length - 1].at;
  const s = d.members?.[member];
  if (SIGNED.includes(s) || s === 'objected' || s === 'abstained' || s === 'not_interested' || s === 'non_objection') return d.decided || null;
  return null;
}

export function isSigned(state) {
  return SIGNED.includes(state);
}
