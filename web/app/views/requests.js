// Requests for assistance, and a delegation's form to submit one.
import { html, useApp, useList, useTitle, Status, TableBox, Badge, Time, Link, More, stateKind } from '../ui.js';
import { Form } from '../forms.js';

export const KNOWN_MEASURES = ['consultations', 'political_assessment', 'fact_finding_mission', 'observation_mission',
  'military_technical_assistance', 'collective_forces'];

// The charter's words for a clause (a request's legal basis), in the interface language if it has them.
export function citationOf(dir, lang, id) {
  const c = dir.clauses?.[id];
  return c?.citations?.[lang] || c?.citation || id;
}

export function Requests() {
  const { t, tv, name, lang, dir, who, api, href, may } = useApp();
  useTitle(t('nav.requests'));
  const list = useList('/api/v0/requests', 'requests', { order: 'desc' });
  const items = list.items || [];
  const own = who.member && may('request.submitted') ? who.member : null;
  const measures = dir.measures?.length ? dir.measures : KNOWN_MEASURES;
  const bases = dir.legal_bases?.length ? dir.legal_bases : [...new Set(items.map((r) => r.legal_basis))];
  return html`
    <h1 tabindex="-1">${t('nav.requests')}</h1>
    <${Status} state=${list} />
    ${list.items ? (items.length ? html`<${TableBox} label=${t('nav.requests')}><table>
      <thead><tr><th scope="col">${t('request.request')}</th><th scope="col">${t('request.requester')}</th><th scope="col">${t('request.legal_basis')}</th>
        <th scope="col">${t('request.against')}</th><th scope="col">${t('common.status')}</th><th scope="col">${t('request.submitted')}</th></tr></thead>
      <tbody>${items.map((r) => html`<tr>
        <th scope="row"><${Link} to=${`requests/${r.id}`}>${r.id}<//></th>
        <td>${name('member', r.member)}</td>
        <td>${citationOf(dir, lang, r.legal_basis)}</td>
        <td>${r.against ? name('member', r.against) : html`<span class="muted">—</span>`}</td>
        <td><${Badge} kind=${stateKind(r.status)}>${tv('request_status', r.status)}<//></td>
        <td><${Time} value=${r.submitted} /></td>
      </tr>`)}</tbody></table><//>` : html`<p class="muted">${t('common.none')}</p>`) : null}
    <${More} list=${list} />
    ${own ? html`<section aria-labelledby="submit-request-title"><h2 id="submit-request-title" class="visually-hidden">${t('action.request')}</h2>
      <${Form} id="submit-request" title=${t('action.request')} submitLabel=${t('action.request_submit')}
        fields=${[
          { name: 'request', label: t('field.request_id'), required: true, id: true, hint: t('hint.id') },
          { name: 'member', label: t('request.requester'), type: 'fixed', value: own, display: name('member', own) },
          { name: 'legal_basis', label: t('request.legal_basis'), type: 'select', required: true, value: bases[0],
            options: bases.map((b) => ({ value: b, label: citationOf(dir, lang, b) })) },
          { name: 'measures_sought', label: t('request.measures_sought'), type: 'checks', required: true,
            options: measures.map((m) => ({ value: m, label: tv('measure', m) })) },
          { name: 'against', label: t('request.against'), hint: t('hint.against') },
          { name: 'summary', label: t('request.summary'), type: 'textarea' },
        ]}
        onSubmit=${(v) => api.post('/api/v0/requests', v)}
        onDone=${(_, v) => { location.hash = href(`requests/${v.request}`); }} />
    </section>` : null}`;
}
