// One request for assistance: its chronology on a time axis, and what became of each measure,
// sought or offered; the requesting delegation answers offers here.
import { html, useApp, useData, useTitle, Status, TableBox, Badge, Time, Link, stateKind } from '../ui.js';
import { formatTime } from '../format.js';
import { Form } from '../forms.js';
import { Timeline, limitWords, isReached } from '../timeline.js';
import { citationOf } from './requests.js';

// The words for a step of the record: its kind (submitted, consultation, session, …) and what it
// concerns (a body, a clause, a measure, the outcome a request was closed with).
function stepLabel(s, { t, tv, name, dir, lang }) {
  const d = s.detail;
  let what = '';
  if (d) {
    if (s.stage === 'closed' || t.has(`outcome.${d}`)) what = tv('outcome', d);
    else if (dir.bodies.some((b) => b.id === d)) what = name('body', d);
    else if (dir.clauses?.[d]) what = citationOf(dir, lang, d);
    else if (t.has(`measure.${d}`) || (dir.measures || []).includes(d)) what = tv('measure', d);
    else what = d;
  }
  return what ? `${tv('stage', s.stage)}: ${what}` : tv('stage', s.stage);
}

// The words for a stage of the charter's procedure not reached yet ("consultations", "a session").
function charterStageWords(s, { tv }) {
  return tv('charter_stage', s.stage);
}

function capital(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// "consultations (limit: 30 d) overdue": one stage not reached yet, with the charter's limit.
function NotReached({ stages, app }) {
  const { t } = app;
  if (!stages.length) return null;
  return html`<p class="not-reached" data-testid="not-reached"><strong>${t('request.not_reached_yet')}</strong>${' '}
    ${stages.map((s, i) => html`${i ? ', ' : ''}<span data-stage=${s.stage} class=${s.overdue ? 'overdue' : undefined}>${charterStageWords(s, app)}${
      limitWords(s, t) ? ` (${limitWords(s, t)})` : ''}${s.overdue ? html` <${Badge} kind="bad">${t('timeline.overdue')}<//>` : null}</span>`)}</p>`;
}

// "collective forces: sought, never offered", "observation mission: offered …, declined (condition: …)"
function measurePhrase(m, { t, lang }) {
  const parts = [];
  if (m.sought) parts.push(t('measure_state.sought'));
  if (m.status === 'refused' || (m.refused && !m.offered)) {
    // The organization decided not to provide it (measure.refused), with its reason if given.
    parts.push(t('measure_state.refused') + (m.reason ? ` (${m.reason})` : ''));
  } else if (!m.offered) {
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
  // Steps of the record go on the time axis; the charter's stages not reached yet are listed apart.
  const reached = stages.filter(isReached);
  const unreached = stages.filter((s) => !isReached(s));
  const measures = r.measures || [];
  const refused = (m) => m.status === 'refused' || (!!m.refused && !m.offered);
  const groups = {
    never: measures.filter((m) => m.sought && !m.offered && !refused(m)),
    refused: measures.filter(refused),
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
      ${reached.length ? html`<${Timeline} stages=${reached} titleId="timeline-title" label=${(s) => stepLabel(s, app)} />` : html`<p class="muted">${t('common.none')}</p>`}
      <${NotReached} stages=${unreached} app=${app} />
      <details class="no-print-toggle">
        <summary>${t('request.stages_table')}</summary>
        <${TableBox} label=${t('request.stages_table')}><table>
          <thead><tr><th scope="col">${t('request.stage')}</th><th scope="col">${t('common.date')}</th><th scope="col">${t('request.days')}</th><th scope="col">${t('request.limit')}</th></tr></thead>
          <tbody>${[...reached, ...unreached].map((s) => html`<tr class=${`${s.overdue ? 'overdue' : ''}${isReached(s) ? '' : ' unreached'}`.trim() || undefined}>
            <th scope="row">${isReached(s) ? stepLabel(s, app) : capital(charterStageWords(s, app))}</th>
            <td>${isReached(s) ? html`<${Time} value=${s.at} />` : t('timeline.not_reached')}</td>
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
