// The drafts under discussion: tabled, not yet put to decision.
import { html, useApp, useList, useTitle, Status, TableBox, Time, Link, More } from '../ui.js';

export function Drafts() {
  const { t, name } = useApp();
  useTitle(t('nav.drafts'));
  const list = useList('/api/v0/drafts', 'drafts');
  const items = (list.items || []).filter((d) => !d.status || d.status === 'pending');
  return html`
    <h1 tabindex="-1">${t('nav.drafts')}</h1>
    <p class="muted">${t('draft.list_intro')}</p>
    <${Status} state=${list} />
    ${list.items ? (items.length ? html`<${TableBox} label=${t('nav.drafts')}><table>
      <thead><tr><th scope="col">${t('draft.draft')}</th><th scope="col">${t('session.session')}</th><th scope="col">${t('common.body')}</th>
        <th scope="col">${t('draft.tabled')}</th><th scope="col">${t('draft.not_yet_spoken')}</th></tr></thead>
      <tbody>${items.map((d) => html`<tr>
        <th scope="row"><${Link} to=${`drafts/${d.id}`}>${d.title || d.id}<//><br /><span class="muted id">${d.id}</span></th>
        <td><${Link} to=${`sessions/${d.session}`}>${d.session}<//></td>
        <td>${name('body', d.body)}</td>
        <td><${Time} value=${d.tabled} /></td>
        <td>${Array.isArray(d.not_yet_spoken) ? (d.not_yet_spoken.map((m) => name('member', m)).join(', ') || t('draft.everyone_spoke')) : '—'}</td>
      </tr>`)}</tbody></table><//>` : html`<p class="muted">${t('draft.none_pending')}</p>`) : null}
    <${More} list=${list} />`;
}
