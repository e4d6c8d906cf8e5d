// One session: who attended (and at what level, or why not), the quorum, the drafts tabled and
// what became of them; the secretariat's and the delegations' acts while it sits.
import { html, useApp, useData, useTitle, useMemberChoices, Status, TableBox, Badge, Time, Link, stateKind } from '../ui.js';
import { decisionSentence } from '../format.js';
import { Form } from '../forms.js';
import { quorumBadge } from './sessions.js';

export const LEVELS = ['head_of_state', 'head_of_government', 'foreign_minister', 'defence_minister',
  'secretary_of_security_council', 'permanent_representative', 'deputy'];
export const DRAFT_KINDS = ['decision', 'declaration', 'statement', 'budget', 'appointment', 'regulation', 'protocol_decision'];

async function loadSession(api, id) {
  const s = await api.get(`/api/v0/sessions/${encodeURIComponent(id)}`);
  if (!Array.isArray(s.decisions)) {
    // An older server lists the session's decisions only through /decisions.
    const d = await api.get('/api/v0/decisions', { session: id, limit: 500 });
    s.decisions = (d.decisions || []).filter((x) => x.session === id);
  }
  const missing = (s.drafts || []).filter((x) => !s.decisions.some((d) => d.id === x));
  const extra = await Promise.all(missing.map((x) => api.get(`/api/v0/decisions/${encodeURIComponent(x)}`).catch(() => null)));
  s.decisions = [...s.decisions, ...extra.filter(Boolean)];
  return s;
}

// Attendance per member, from the detailed list or (older servers) the three id lists.
function attendanceRows(s, members) {
  const rows = new Map();
  for (const m of s.present || []) rows.set(m, { member: m, status: 'present' });
  for (const m of s.absent || []) rows.set(m, { member: m, status: 'absent' });
  for (const m of s.non_objection || []) rows.set(m, { member: m, status: 'non_objection' });
  for (const a of s.attendance || []) rows.set(a.member, { ...rows.get(a.member), ...a });
  for (const m of members) if (!rows.has(m.id)) rows.set(m.id, { member: m.id, status: 'not_recorded' });
  const order = members.map((m) => m.id);
  return [...rows.values()].sort((a, b) => (order.indexOf(a.member) + 1 || 99) - (order.indexOf(b.member) + 1 || 99));
}

export function Session({ id }) {
  const { t, tv, name, lang, dir } = useApp();
  useTitle(`${t('session.session')} ${id}`);
  const state = useData((api) => loadSession(api, id), [id]);
  const s = state.data;

  return html`
    <p class="crumbs"><${Link} to="sessions">${t('nav.sessions')}<//></p>
    <h1 tabindex="-1">${t('session.session')} ${id}</h1>
    <${Status} state=${state} />
    ${s ? html`
      <dl class="facts">
        <div><dt>${t('common.body')}</dt><dd>${name('body', s.body)}</dd></div>
        <div><dt>${t('session.kind')}</dt><dd>${tv('session_kind', s.kind)}</dd></div>
        <div><dt>${t('session.host')}</dt><dd>${name('member', s.host)}</dd></div>
        <div><dt>${t('session.place')}</dt><dd>${s.place}</dd></div>
        <div><dt>${t('session.format')}</dt><dd>${tv('format', s.format)}</dd></div>
        <div><dt>${t('session.convened')}</dt><dd><${Time} value=${s.convened} /></dd></div>
        <div><dt>${t('session.closed')}</dt><dd>${s.closed ? html`<${Time} value=${s.closed} />` : html`<${Badge} kind="wait">${t('session.still_open')}<//>`}</dd></div>
        <div><dt>${t('session.quorum')}</dt><dd>${quorumBadge(s, t)}</dd></div>
        ${s.request ? html`<div><dt>${t('request.request')}</dt><dd><${Link} to=${`requests/${s.request}`}>${s.request}<//></dd></div>` : null}
      </dl>
      <section aria-labelledby="att-title">
        <h2 id="att-title">${t('session.attendance')}</h2>
        <${TableBox} label=${t('session.attendance')}><table>
          <thead><tr><th scope="col">${t('common.member')}</th><th scope="col">${t('session.attendance')}</th>
            <th scope="col">${t('session.representative')}</th><th scope="col">${t('session.level')}</th><th scope="col">${t('session.reason')}</th></tr></thead>
          <tbody>${attendanceRows(s, dir.members).map((a) => html`<tr data-member=${a.member}>
            <th scope="row">${name('member', a.member)}</th>
            <td><${Badge} kind=${stateKind(a.status)}>${tv('attendance', a.status)}<//></td>
            <td>${a.representative || html`<span class="muted">—</span>`}</td>
            <td>${a.level ? tv('level', a.level) : html`<span class="muted">—</span>`}</td>
            <td>${a.reason || html`<span class="muted">—</span>`}</td>
          </tr>`)}</tbody>
        </table><//>
      </section>
      <section aria-labelledby="drafts-title">
        <h2 id="drafts-title">${t('session.drafts_tabled')}</h2>
        ${s.decisions.length ? html`<${TableBox} label=${t('session.drafts_tabled')}><table>
          <thead><tr><th scope="col">${t('draft.draft')}</th><th scope="col">${t('draft.kind')}</th><th scope="col">${t('draft.outcome')}</th></tr></thead>
          <tbody>${s.decisions.map((d) => html`<tr data-decision=${d.id}>
            <th scope="row"><${Link} to=${`decisions/${d.id}`}>${d.title || d.id}<//><br /><span class="muted id">${d.id}</span></th>
            <td>${tv('draft_kind', d.kind)}; ${tv('matter', d.matter)}</td>
            <td><${Badge} kind=${stateKind(d.status)}>${tv('status', d.status)}<//> ${decisionSentence(d, { t, lang, name: (m) => name('member', m), number: t.number })}</td>
          </tr>`)}</tbody>
        </table><//>` : html`<p class="muted">${t('session.no_drafts')}</p>`}
      </section>
      ${!s.closed ? html`<${SessionActions} s=${s} />` : null}
    ` : null}`;
}

function SessionActions({ s }) {
  const { t, tv, name, dir, who, api, may } = useApp();
  const path = `/api/v0/sessions/${encodeURIComponent(s.id)}`;
  const memberOptions = useMemberChoices();
  const body = dir.bodies.find((b) => b.id === s.body);
  const matters = body?.matters?.length ? body.matters : ['substantive', 'procedural'];
  const matter = matters.includes('substantive') ? 'substantive' : matters[0];
  // A delegation acts for its own state only; the secretariat for any.
  const own = who.member;
  const forAny = !own && may('attendance.present');
  const nonObjection = own && may('absence.non_objection');
  if (!forAny && !nonObjection && !may('draft.tabled') && !may('session.closed')) return null;
  return html`<section aria-labelledby="acts-title">
    <h2 id="acts-title">${t('session.actions')}</h2>
    ${forAny ? html`
      <${Form} id="attendance" title=${t('action.attendance')} submitLabel=${t('action.attendance_submit')}
        fields=${[
          { name: 'member', label: t('common.member'), type: 'select', required: true, options: memberOptions },
          { name: 'status', label: t('session.attendance'), type: 'radio', required: true, value: 'present',
            options: ['present', 'absent', 'non_objection'].map((v) => ({ value: v, label: tv('attendance', v) })) },
          { name: 'representative', label: t('session.representative') },
          { name: 'level', label: t('session.level'), type: 'select', options: LEVELS.map((v) => ({ value: v, label: tv('level', v) })) },
          { name: 'reason', label: t('session.reason'), hint: t('hint.reason') },
        ]}
        onSubmit=${(v) => api.post(`${path}/attendance`, v)} />` : null}
    ${may('draft.tabled') ? html`
      <${Form} id="table-draft" title=${t('action.table')} submitLabel=${t('action.table_submit')}
        fields=${[
          { name: 'draft', label: t('field.draft_id'), required: true, id: true, hint: t('hint.id') },
          { name: 'title', label: t('field.title'), required: true },
          { name: 'kind', label: t('draft.kind'), type: 'select', required: true, value: 'decision', options: (dir.draft_kinds?.length ? dir.draft_kinds : DRAFT_KINDS).map((v) => ({ value: v, label: tv('draft_kind', v) })) },
          { name: 'matter', label: t('draft.matter'), type: 'select', required: true, value: matter, options: matters.map((v) => ({ value: v, label: tv('matter', v) })) },
        ]}
        onSubmit=${(v) => api.post(`${path}/drafts`, v)} />` : null}
    ${may('session.closed') ? html`
      <${Form} id="close-session" title=${t('action.close')} intro=${t('action.close_intro')} submitLabel=${t('action.close_submit')}
        fields=${[]} onSubmit=${() => api.post(`${path}/close`, {})} />` : null}
    ${nonObjection ? html`
      <${Form} id="non-objection" title=${t('action.non_objection')} intro=${t('action.non_objection_intro')} submitLabel=${t('action.non_objection_submit')}
        fields=${[
          { name: 'member', label: t('common.member'), type: 'fixed', value: who.member, display: name('member', who.member) },
          { name: 'status', label: t('session.attendance'), type: 'fixed', value: 'non_objection', display: tv('attendance', 'non_objection') },
          { name: 'reason', label: t('session.reason') },
        ]}
        onSubmit=${(v) => api.post(`${path}/attendance`, v)} />` : null}
  </section>`;
}
