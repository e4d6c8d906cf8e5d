// One request for assistance: its chronology on a time axis, and what became of each measure,
// sought or offered; the requesting delegation answers offers here.
import { html, useApp, useData, useTitle, Status, TableBox, Badge, Time, Link, stateKind } from '../ui.js';
import { formatTime } from '../format.js';
import { Form } from '../forms.js';
import { Timeline, limitWords } from '../timeline.js';
import { citationOf } from './requests.js';

// The words for one stage: its kind and what it concerns (a measure, a body, a clause, an outcome).
function stageLabel(s, { t, tv, name, dir, lang }) {
  const d = s.detail;
  let what = '';
  if (d) {
    if (dir.bodies.some((b) => b.id === d)) what = name('body', d);
    else if (dir.clauses?.[d]) what = citationOf(dir, lang, d);
    else if (t.has(`measure.${d}`) || (dir.measures || []).includes(d)) what = tv('measure', d);
    else if (t.has(`outcome.${d}`)) what = tv('outcome', d);
    else what = d;
  }
  return what ? `${tv('stage', s.stage)}: ${what}` : tv('stage', s.stage);
}

// "collective forces: sought, never offered", "observation mission: offered …, declined (condition: …)"
function measurePhrase(m, { t, lang }) {
  const parts = [];
  if (m.sought) parts.push(t('measure_state.sought'));
  if (!m.offered) {
    if (m.sought) parts.push(t('measure_state.never_offered'));
  } else {
    parts.push(t('measure_state.offered_on', { date: formatTime(m.offered, lang) }));
    if (m.status === 'declined') {
      parts.push(t('measure_state.declined_on', { date: formatTime(m.answered, lang) }));
      if (m.condition) parts.push(t('measure_state.condition', { condition: m.condition }));
    } else if (m.answered) parts.push(t('measure_state.accepted_on', { date: formatTime(m.answered, lang) }));
    else parts.push(t('measure_state.awaiting_answer'));
    if (m.deployed) parts.push(t('measure_state.deployed_on', { date: formatTime(m.deployed, lang) }));
    if (m.completed) parts.push(t('measure_state.completed_on', { date: formatTime(m.completed, lang) }));
  }
  return parts.join(', ');
}

export function RequestPage({ id }) {
  const app = useApp();
  const { t, tv, name, lang, dir, who, api, may } = app;
  useTitle(`${t('request.request')} ${id}`);
  const state = useData((a) => a.get(`/api/v0/requests/${encodeURIComponent(id)}`), [id]);
  const r = state.data;
  if (!r) return html`<h1 tabindex="-1">${t('request.request')} ${id}</h1><${Status} state=${state} />`;
  const stages = r.stages || [];
  const measures = r.measures || [];
  const groups = {
    never: measures.filter((m) => m.sought && !m.offered),
    accepted: measures.filter((m) => m.offered && ['accepted', 'deployed', 'completed'].includes(m.status)),
    declined: measures.filter((m) => m.status === 'declined'),
    waiting: measures.filter((m) => m.status === 'offered'),
  };
  const own = who.member === r.member && (may('measure.accepted') || may('measure.declined'));
  // The secretariat records what the Organization offers: any measure not yet offered.
  const offerable = !who.member && may('measure.offered') && !r.closed
    ? [...new Set([...(dir.measures || []), ...measures.map((m) => m.measure)])].filter((m) => !measures.some((x) => x.measure === m && x.offered))
    : [];
  return html`
    <p class="crumbs"><${Link} to="requests">${t('nav.requests')}<//></p>
    <h1 tabindex="-1">${t('request.request')} ${r.id}</h1>
    <dl class="facts">
      <div><dt>${t('request.requester')}</dt><dd>${name('member', r.member)}</dd></div>
      <div><dt>${t('request.legal_basis')}</dt><dd>${citationOf(dir, lang, r.legal_basis)}</dd></div>
      ${r.against ? html`<div><dt>${t('request.against')}</dt><dd>${name('member', r.against)}</dd></div>` : null}
      <div><dt>${t('common.status')}</dt><dd><${Badge} kind=${stateKind(r.status)}>${tv('request_status', r.status)}<//></dd></div>
      <div><dt>${t('request.submitted')}</dt><dd><${Time} value=${r.submitted} /></dd></div>
      <div><dt>${t('request.closed')}</dt><dd><${Time} value=${r.closed} /></dd></div>
      ${r.outcome ? html`<div><dt>${t('request.outcome')}</dt><dd>${tv('outcome', r.outcome)}</dd></div>` : null}
    </dl>
    ${r.summary ? html`<p>${r.summary}</p>` : null}
    <section aria-labelledby="measures-title">
      <h2 id="measures-title">${t('request.measures')}</h2>
      <ul class="measures">${measures.map((m) => html`<li data-measure=${m.measure}>
        <strong>${tv('measure', m.measure)}</strong>: ${measurePhrase(m, app)}</li>`)}</ul>
      <dl class="facts summary">
        ${Object.entries(groups).map(([k, ms]) => html`<div><dt>${t(`request.group_${k}`)}</dt>
          <dd>${ms.length ? ms.map((m) => tv('measure', m.measure)).join(', ') : t('common.none')}</dd></div>`)}
      </dl>
    </section>
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">${t('request.chronology')}</h2>
      <p class="muted">${t('request.chronology_intro')}</p>
      ${stages.length ? html`<${Timeline} stages=${stages} titleId="timeline-title" label=${(s) => stageLabel(s, app)} />` : html`<p class="muted">${t('common.none')}</p>`}
      <details class="no-print-toggle">
        <summary>${t('request.stages_table')}</summary>
        <${TableBox} label=${t('request.stages_table')}><table>
          <thead><tr><th scope="col">${t('request.stage')}</th><th scope="col">${t('common.date')}</th><th scope="col">${t('request.days')}</th><th scope="col">${t('request.limit')}</th></tr></thead>
          <tbody>${stages.map((s) => html`<tr class=${s.overdue ? 'overdue' : ''}>
            <th scope="row">${stageLabel(s, app)}</th>
            <td>${s.at ? html`<${Time} value=${s.at} />` : t('timeline.not_reached')}</td>
            <td>${s.days_from_request ?? '—'}</td>
            <td>${limitWords(s, t) || '—'}
              ${s.overdue ? html` <${Badge} kind="bad">${t('timeline.overdue')}<//>` : null}</td>
          </tr>`)}</tbody>
        </table><//>
      </details>
    </section>
    ${offerable.length ? html`<section aria-labelledby="offer-acts-title">
      <h2 id="offer-acts-title">${t('session.actions')}</h2>
      <${Form} id="offer" title=${t('action.offer')} submitLabel=${t('action.offer_submit')}
        fields=${[
          { name: 'measure', label: t('request.measure'), type: 'select', required: true, options: offerable.map((m) => ({ value: m, label: tv('measure', m) })) },
          { name: 'decision', label: t('field.decision_id'), id: true, hint: t('hint.decision') },
        ]}
        onSubmit=${(v) => api.post(`/api/v0/requests/${encodeURIComponent(r.id)}/offers`, v)} />
    </section>` : null}
    ${own && groups.waiting.length ? html`<section aria-labelledby="answer-acts-title">
      <h2 id="answer-acts-title">${t('session.actions')}</h2>
      <${Form} id="answer" title=${t('action.answer')} submitLabel=${t('action.answer_submit')}
        fields=${[
          { name: 'member', label: t('request.requester'), type: 'fixed', value: r.member, display: name('member', r.member) },
          { name: 'measure', label: t('request.measure'), type: 'select', required: true, options: groups.waiting.map((m) => ({ value: m.measure, label: tv('measure', m.measure) })) },
          { name: 'answer', label: t('request.answer'), type: 'radio', required: true,
            options: ['accepted', 'declined'].filter((a) => may(`measure.${a}`)).map((a) => ({ value: a, label: tv('answer', a) })) },
          { name: 'condition', label: t('request.condition'), type: 'textarea', hint: t('hint.condition') },
        ]}
        onSubmit=${(v) => api.post(`/api/v0/requests/${encodeURIComponent(r.id)}/answers`, v)} />
    </section>` : null}`;
}
