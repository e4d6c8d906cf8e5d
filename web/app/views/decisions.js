// Every decision (and every draft), filterable by session and status.
import { html, useApp, useList, useTitle, Status, TableBox, Badge, Time, Link, More, stateKind } from '../ui.js';
import { decisionSentence } from '../format.js';

export const STATUSES = ['pending', 'adopted', 'adopted_limited', 'pending_accession', 'not_adopted', 'returned', 'withdrawn'];

export function Decisions() {
  const { t, tv, query, setQuery } = useApp();
  useTitle(t('nav.decisions'));
  const session = query.get('session') || '';
  const status = query.get('status') || '';
  const list = useList('/api/v0/decisions', 'decisions', { session, status, order: 'desc' });
  // Filtered here too, in case the server ignores a filter.
  const items = (list.items || []).filter((d) => (!session || d.session === session) && (!status || d.status === status));
  return html`
    <h1 tabindex="-1">${t('nav.decisions')}</h1>
    <form class="filters" onSubmit=${(e) => e.preventDefault()}>
      <label for="filter-status">${t('common.status')}</label>
      <select id="filter-status" value=${status} onChange=${(e) => setQuery({ status: e.currentTarget.value })}>
        <option value="">${t('common.all_statuses')}</option>
        ${STATUSES.map((s) => html`<option value=${s}>${tv('status', s)}</option>`)}
      </select>
      ${session ? html`<span>${t('session.session')} ${session} <button type="button" onClick=${() => setQuery({ session: '' })}>${t('common.clear_filter')}</button></span>` : null}
    </form>
    <${Status} state=${list} />
    ${list.items ? html`<${DecisionTable} items=${items} />` : null}
    <${More} list=${list} />`;
}

export function DecisionTable({ items }) {
  const { t, tv, lang, name } = useApp();
  if (!items.length) return html`<p class="muted">${t('common.none')}</p>`;
  return html`<${TableBox} label=${t('nav.decisions')}><table>
    <thead><tr><th scope="col">${t('decision.decision')}</th><th scope="col">${t('session.session')}</th>
      <th scope="col">${t('common.status')}</th><th scope="col">${t('decision.decided')}</th></tr></thead>
    <tbody>${items.map((d) => html`<tr data-decision=${d.id}>
      <th scope="row"><${Link} to=${`decisions/${d.id}`}>${d.title || d.id}<//><br /><span class="muted id">${d.id}</span></th>
      <td><${Link} to=${`sessions/${d.session}`}>${d.session}<//></td>
      <td><${Badge} kind=${stateKind(d.status)}>${tv('status', d.status)}<//>
        <span class="sentence">${decisionSentence(d, { t, lang, name: (m) => name('member', m), number: t.number })}</span></td>
      <td><${Time} value=${d.decided} /></td>
    </tr>`)}</tbody>
  </table><//>`;
}
