// Pieces every view shares: the app context, data hooks that re-fetch on live updates, and
// small presentational components.
import { h, createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';
import { formatTime, machineTime } from './format.js';

export const html = htm.bind(h);
export const AppContext = createContext(null);
export const useApp = () => useContext(AppContext);

// Loads data with load(api); loads again when deps change, when the as-of date changes and on
// every live update (tick). Data of the same deps stays on screen while it reloads, so live
// refreshes do not flash.
export function useData(load, deps = []) {
  const { api, tick } = useApp();
  // Another as-of date is another record: its data is loaded afresh, not merged with the last.
  const key = JSON.stringify([...deps, api.asOf]);
  const [state, setState] = useState({ key, data: null, error: null, loading: true });
  useEffect(() => {
    let current = true;
    setState((s) => (s.key === key ? { ...s, loading: true } : { key, data: null, error: null, loading: true }));
    load(api).then(
      (data) => current && setState({ key, data, error: null, loading: false }),
      (error) => current && setState((s) => ({ key, data: s.key === key ? s.data : null, error, loading: false })),
    );
    return () => { current = false; };
  }, [key, api, tick]);
  return state.key === key ? state : { key, data: null, error: null, loading: true };
}

// A paginated list: the first page, more() for the next; a live refresh reloads as many items
// as are shown (up to the API's 500).
export function useList(path, name, params = {}) {
  const { api, tick } = useApp();
  const key = JSON.stringify([path, params, api.asOf]);
  const [state, setState] = useState({ key, items: null, next: null, error: null });
  const shown = useRef(100);
  useEffect(() => {
    let current = true;
    if (state.key !== key) shown.current = 100;
    api.page(path, name, params, null, Math.min(500, Math.max(100, shown.current))).then(
      ({ items, next }) => current && setState({ key, items, next, error: null }),
      (error) => current && setState((s) => ({ key, items: s.key === key ? s.items : null, next: null, error })),
    );
    return () => { current = false; };
  }, [key, api, tick]);
  const more = async () => {
    try {
      const { items, next } = await api.page(path, name, params, state.next);
      shown.current = (state.items?.length || 0) + items.length;
      setState((s) => ({ ...s, items: [...(s.items || []), ...items], next }));
    } catch (error) {
      setState((s) => ({ ...s, error }));
    }
  };
  const s = state.key === key ? state : { key, items: null, next: null, error: null };
  return { ...s, more };
}

// The member states a form may offer on the as-of date: the record's members (GET /members),
// leaving out those that are not members on that date (not yet admitted, or gone); the charter's
// list if the members cannot be read (an older server says nothing of the date: all are offered).
export function useMemberChoices() {
  const { name, dir } = useApp();
  const state = useData((api) => api.get('/api/v0/members', { limit: 500 }), []);
  // While the members of a new date load, nothing is offered rather than the wrong states.
  const list = state.data ? state.data.members || [] : state.error ? dir.members : [];
  return list.filter((m) => m.member_on_date !== false).map((m) => ({ value: m.id, label: name('member', m.id) }));
}

export function useTitle(title) {
  useEffect(() => { document.title = `${title} — concord`; }, [title]);
}

export function Time({ value }) {
  const { lang } = useApp();
  if (!value) return html`<span class="muted">—</span>`;
  return html`<time datetime=${machineTime(value)}>${formatTime(value, lang)}</time>`;
}

// A link inside the app that keeps the as-of date.
export function Link({ to, query, children, ...rest }) {
  const { href } = useApp();
  return html`<a href=${href(to, query)} ...${rest}>${children}</a>`;
}

// Loading and error states, said in words; a 403 says what the role may not do.
export function Status({ state, what }) {
  const { t } = useApp();
  if (state.error) return html`<${ErrorText} error=${state.error} what=${what} />`;
  if (state.data == null && state.items == null) return html`<p class="muted loading" role="status">${t('common.loading')}</p>`;
  return null;
}

export function errorWords(error, t) {
  if (!error) return '';
  if (error.status === 0) return t('error.network');
  const key = `error.status.${error.status}`;
  const head = t.has(key) ? t(key) : t('error.generic', { status: error.status });
  return error.detail ? `${head}: ${translateDetail(error.detail, t)}` : head;
}

// The server's details are English; the common ones are said in the interface language.
export function translateDetail(detail, t) {
  let m = /^missing field '([^']+)'/.exec(detail);
  if (m) return t('detail.missing_field', { field: m[1] });
  m = /may act only for (\w+), not for (\w+)/.exec(detail);
  if (m) return t('detail.act_only_for', { own: m[1], other: m[2] });
  m = /the ([\w:]+) role may not (.*)$/.exec(detail);
  if (m) return t('detail.role_may_not', { role: m[1] });
  m = /^no (route|decision or draft|request|session) '?([^']*)'?/.exec(detail);
  if (m) return t('detail.not_found', { id: m[2] });
  return detail;
}

export function ErrorText({ error, what }) {
  const { t } = useApp();
  return html`<p class="error" role="alert">${what ? `${what}: ` : ''}${errorWords(error, t)}</p>`;
}

// Wide tables scroll inside their own box, never the page.
export function TableBox({ label, children }) {
  return html`<div class="table-box" role="region" aria-label=${label} tabindex="0">${children}</div>`;
}

export function Badge({ kind = '', children }) {
  return html`<span class=${`badge ${kind}`}>${children}</span>`;
}

// A member's state on a decision, with a colour that never carries the meaning alone.
export function stateKind(state) {
  if (/^(signed|acceded|in_favour|adopted|accepted|completed|deployed|present|support|active|member)/.test(state)) return 'ok';
  if (/^(pending|sought|offered|not_yet|abstain|non_objection|not_interested|provisional)/.test(state)) return 'wait';
  if (/^(refused|objected|object|not_adopted|declined|absent|frozen|suspended|withdrawn|returned|overdue|not_member)/.test(state)) return 'bad';
  return '';
}

export function More({ list }) {
  const { t } = useApp();
  if (!list.next) return null;
  return html`<p><button type="button" onClick=${list.more}>${t('common.more')}</button></p>`;
}
