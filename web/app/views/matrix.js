// The accession matrix, as a treaty depositary keeps it: documents by member, each cell the
// member's state and its date; filters by session and member; the same table as CSV.
import { html, useApp, useData, useTitle, Status, TableBox, Badge, Link, stateKind } from '../ui.js';
import { formatDay, machineTime, memberDate } from '../format.js';

// An older server has no /accessions: the same matrix is built from the decisions.
async function loadMatrix(api, session, member) {
  try {
    return await api.get('/api/v0/accessions', { session, member, limit: 500 });
  } catch (e) {
    if (e.status !== 404) throw e;
    const d = await api.get('/api/v0/decisions', { session, limit: 500 });
    const docs = (d.decisions || []).filter((x) => (!session || x.session === session) && Object.keys(x.members || {}).length);
    const members = [...new Set(docs.flatMap((x) => Object.keys(x.members)))];
    return {
      members,
      documents: docs.map((x) => ({
        decision: x.id, title: x.title, session: x.session, status: x.status,
        cells: Object.fromEntries(Object.entries(x.members).map(([m, s]) => [m, { state: s, date: memberDate(x, m) }])),
      })),
      fallback: true,
    };
  }
}

export function Matrix() {
  const { t, tv, name, dir, lang, query, setQuery, api } = useApp();
  useTitle(t('nav.accessions'));
  const session = query.get('session') || '';
  const member = query.get('member') || '';
  const state = useData((a) => loadMatrix(a, session, member), [session, member]);
  const sessions = useData((a) => a.get('/api/v0/sessions', { limit: 500 }), []);
  const m = state.data;
  const columns = (m?.members || dir.members.map((x) => x.id)).filter((x) => !member || x === member);
  const docs = (m?.documents || []).filter((x) => !session || x.session === session);
  const csv = api.link('/api/v0/accessions', { format: 'csv', session, member });

  return html`
    <h1 tabindex="-1">${t('matrix.title')}</h1>
    <p class="muted">${t('matrix.intro')}</p>
    <form class="filters" onSubmit=${(e) => e.preventDefault()}>
      <span><label for="filter-session">${t('session.session')}</label>
      <select id="filter-session" value=${session} onChange=${(e) => setQuery({ session: e.currentTarget.value })}>
        <option value="">${t('common.all_sessions')}</option>
        ${(sessions.data?.sessions || []).filter((s) => (s.drafts || []).length).map((s) => html`<option value=${s.id}>${s.id}</option>`)}
      </select></span>
      <span><label for="filter-member">${t('common.member')}</label>
      <select id="filter-member" value=${member} onChange=${(e) => setQuery({ member: e.currentTarget.value })}>
        <option value="">${t('common.all_members')}</option>
        ${dir.members.map((x) => html`<option value=${x.id}>${name('member', x.id)}</option>`)}
      </select></span>
      <a class="button" href=${csv} download="accessions.csv">${t('matrix.csv')}</a>
    </form>
    <${Status} state=${state} />
    ${m ? (docs.length ? html`<${TableBox} label=${t('matrix.title')}><table class="matrix">
      <thead><tr><th scope="col">${t('matrix.document')}</th><th scope="col">${t('common.status')}</th>
        ${columns.map((c) => html`<th scope="col">${name('member', c)}</th>`)}</tr></thead>
      <tbody>${docs.map((doc) => html`<tr>
        <th scope="row"><${Link} to=${`decisions/${doc.decision}`}>${doc.title || doc.decision}<//><br /><span class="muted id">${doc.session}</span></th>
        <td><${Badge} kind=${stateKind(doc.status)}>${tv('status', doc.status)}<//></td>
        ${columns.map((c) => {
          const cell = doc.cells?.[c];
          if (!cell) return html`<td class="muted">—</td>`;
          return html`<td data-member=${c}><${Badge} kind=${stateKind(cell.state)}>${tv('member_status', cell.state)}<//>
            ${cell.date ? html`<br /><time datetime=${machineTime(cell.date)}>${formatDay(cell.date, lang)}</time>` : null}</td>`;
        })}
      </tr>`)}</tbody>
    </table><//>` : html`<p class="muted">${t('common.none')}</p>`) : null}`;
}
