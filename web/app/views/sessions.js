// The sessions of every body, newest first, filterable by body; the secretariat convenes here.
import { html, useApp, useList, useTitle, useMemberChoices, Status, TableBox, Badge, Time, Link, More } from '../ui.js';
import { Form } from '../forms.js';

export const SESSION_KINDS = ['regular', 'extraordinary'];
export const FORMATS = ['in_person', 'video', 'phone'];

export function Sessions() {
  const { t, tv, name, dir, query, setQuery, may, api, href } = useApp();
  useTitle(t('nav.sessions'));
  const body = query.get('body') || '';
  const list = useList('/api/v0/sessions', 'sessions', { body, order: 'desc' });
  const memberChoices = useMemberChoices();
  // The API filters by body; an older server may not, so filter here as well.
  const sessions = (list.items || []).filter((s) => !body || s.body === body);

  return html`
    <h1 tabindex="-1">${t('nav.sessions')}</h1>
    <form class="filters" onSubmit=${(e) => e.preventDefault()}>
      <label for="filter-body">${t('common.body')}</label>
      <select id="filter-body" value=${body} onChange=${(e) => setQuery({ body: e.currentTarget.value })}>
        <option value="">${t('common.all_bodies')}</option>
        ${dir.bodies.map((b) => html`<option value=${b.id}>${name('body', b.id)}</option>`)}
      </select>
    </form>
    <${Status} state=${list} />
    ${list.items ? (sessions.length ? html`<${TableBox} label=${t('nav.sessions')}><table>
      <thead><tr><th scope="col">${t('session.session')}</th><th scope="col">${t('common.body')}</th><th scope="col">${t('session.kind')}</th>
        <th scope="col">${t('session.place')}</th><th scope="col">${t('session.convened')}</th><th scope="col">${t('session.quorum')}</th>
        <th scope="col">${t('session.drafts')}</th></tr></thead>
      <tbody>${sessions.map((s) => html`<tr>
        <th scope="row"><${Link} to=${`sessions/${s.id}`}>${s.id}<//></th>
        <td>${name('body', s.body)}</td>
        <td>${tv('session_kind', s.kind)}${s.closed ? null : html` <${Badge} kind="wait">${t('session.open')}<//>`}</td>
        <td>${s.place}</td>
        <td><${Time} value=${s.convened} /></td>
        <td>${quorumBadge(s, t)}</td>
        <td>${(s.drafts || []).length}</td>
      </tr>`)}</tbody></table><//>` : html`<p class="muted">${t('common.none')}</p>`) : null}
    <${More} list=${list} />
    ${may('session.convened') ? html`<section aria-labelledby="convene-title"><h2 id="convene-title" class="visually-hidden">${t('action.convene')}</h2>
      <${Form} id="convene" title=${t('action.convene')} submitLabel=${t('action.convene_submit')}
        fields=${[
          { name: 'session', label: t('field.session_id'), required: true, id: true, hint: t('hint.id') },
          { name: 'body', label: t('common.body'), type: 'select', required: true, value: body || dir.bodies[0]?.id || '', options: dir.bodies.map((b) => ({ value: b.id, label: name('body', b.id) })) },
          { name: 'kind', label: t('session.kind'), type: 'select', required: true, value: 'regular', options: SESSION_KINDS.map((k) => ({ value: k, label: tv('session_kind', k) })) },
          { name: 'host', label: t('session.host'), type: 'select', required: true, options: memberChoices },
          { name: 'place', label: t('session.place'), required: true },
          { name: 'format', label: t('session.format'), type: 'select', required: true, value: 'in_person', options: FORMATS.map((k) => ({ value: k, label: tv('format', k) })) },
        ]}
        onSubmit=${(v) => api.post('/api/v0/sessions', v)}
        onDone=${(_, v) => { location.hash = href(`sessions/${v.session}`); }} />
    </section>` : null}`;
}

export function quorumBadge(s, t) {
  if (s.quorum_met === undefined || s.quorum_met === null) return html`<span class="muted">—</span>`;
  return s.quorum_met
    ? html`<${Badge} kind="ok">${t('session.quorum_met')}<//>`
    : html`<${Badge} kind="bad">${t('session.quorum_not_met')}<//>`;
}
