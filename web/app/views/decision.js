// A decision as a lawyer reads it: its status in plain words, each member's position with dates,
// and the derivation rule by rule with the charter clause quoted. The header and the derivation
// serve the draft under discussion too (views/draft.js); views/decision_page.js picks which.
import { html, useApp, useMemberChoices, TableBox, Badge, Time, Link, stateKind } from '../ui.js';
import { decisionSentence, memberDate, listOf, formatDay } from '../format.js';
import { Form } from '../forms.js';
import { WhatIf } from './whatif.js';

// Members in the charter's order, then any others the decision names.
export function orderedMembers(d, dir) {
  const ids = Object.keys(d.members || {});
  const order = dir.members.map((m) => m.id);
  const all = [...new Set([...order.filter((m) => ids.includes(m) || !ids.length), ...ids])];
  return all;
}

export function Header({ d, draft }) {
  const { t, tv, name, asOf, lang } = useApp();
  return html`
    <p class="crumbs no-print"><${Link} to=${draft ? 'drafts' : 'decisions'}>${t(draft ? 'nav.drafts' : 'nav.decisions')}<//>${' · '}<${Link} to=${`sessions/${d.session}`}>${t('session.session')} ${d.session}<//></p>
    <h1 tabindex="-1">${d.title || d.id}</h1>
    <p class="print-only">${asOf ? t('decision.printed_as_of', { date: formatDay(asOf, lang) }) : t('decision.printed_now', { date: formatDay(new Date().toISOString().slice(0, 10), lang) })}</p>
    <dl class="facts">
      <div><dt>${t('common.id')}</dt><dd class="id">${d.id}</dd></div>
      <div><dt>${t('common.body')}</dt><dd>${name('body', d.body)}</dd></div>
      <div><dt>${t('draft.kind')}</dt><dd>${tv('draft_kind', d.kind)}</dd></div>
      <div><dt>${t('draft.matter')}</dt><dd>${tv('matter', d.matter)}</dd></div>
      <div><dt>${t('draft.tabled')}</dt><dd><${Time} value=${d.tabled} /></dd></div>
      ${draft ? null : html`<div><dt>${t('decision.decided')}</dt><dd><${Time} value=${d.decided} /></dd></div>`}
      ${d.charter_version ? html`<div class="wide"><dt>${t('decision.charter_version')}</dt><dd>${d.charter_version}</dd></div>` : null}
    </dl>`;
}

export function DecisionView({ d }) {
  const { t, tv, lang, name, dir } = useApp();
  const sentence = decisionSentence(d, { t, lang, name: (m) => name('member', m), number: t.number });
  const members = orderedMembers(d, dir).filter((m) => d.members?.[m]);
  const transmitted = (m) => (d.acts || []).filter((a) => a.act === 'transmitted' && a.member === m);
  const reservationOf = (m) => [...(d.acts || [])].reverse().find((a) => a.member === m && a.reservation)?.reservation;
  return html`
    <${Header} d=${d} />
    <section aria-labelledby="status-title">
      <h2 id="status-title">${t('common.status')}</h2>
      <p class="status-line"><${Badge} kind=${stateKind(d.status)}>${tv('status', d.status)}<//> <span data-testid="sentence">${sentence}</span></p>
      ${d.reason ? html`<p>${t('decision.reason')}: ${d.reason}</p>` : null}
      <p>${t('decision.binding_on')}: ${(d.binding_on || []).length ? listOf(d.binding_on.map((m) => name('member', m)), lang) : t('decision.nobody')}</p>
      <button type="button" class="no-print" onClick=${() => window.print()}>${t('decision.print')}</button>
    </section>
    <section aria-labelledby="members-title">
      <h2 id="members-title">${t('decision.members')}</h2>
      ${members.length ? html`<${TableBox} label=${t('decision.members')}><table class="members">
        <thead><tr><th scope="col">${t('common.member')}</th><th scope="col">${t('common.status')}</th>
          <th scope="col">${t('common.date')}</th><th scope="col">${t('decision.transmitted')}</th></tr></thead>
        <tbody>${members.map((m) => html`<tr data-member=${m}>
          <th scope="row">${name('member', m)}</th>
          <td><${Badge} kind=${stateKind(d.members[m])}>${tv('member_status', d.members[m])}<//>
            ${reservationOf(m) ? html`<br /><span class="muted">${t('decision.reservation')}: ${reservationOf(m)}</span>` : null}</td>
          <td><${Time} value=${memberDate(d, m)} /></td>
          <td>${transmitted(m).length ? transmitted(m).map((a) => html`<${Time} value=${a.at} />${a.via ? ` (${tv('via', a.via)})` : ''} `) : html`<span class="muted">—</span>`}</td>
        </tr>`)}</tbody>
      </table><//>` : html`<p class="muted">${t('decision.no_members')}</p>`}
    </section>
    <${Derivation} checks=${d.checks} />
    <${Acts} d=${d} />
    <${WhatIf} key=${d.id} d=${d} />
    <${DecisionActions} d=${d} />`;
}

const VERDICT_KIND = { passed: 'ok', failed: 'bad', noted: 'wait' };

// The derivation rule by rule, each with the clause it rests on, quoted. id and level let a
// second derivation on the page (the what-if panel's) have its own heading.
export function Derivation({ checks = [], title, id = 'derivation-title', level = 2 }) {
  const { t, tv, lang, dir } = useApp();
  const heading = level === 3 ? html`<h3 id=${id}>${title || t('decision.derivation')}</h3>` : html`<h2 id=${id}>${title || t('decision.derivation')}</h2>`;
  return html`<section aria-labelledby=${id}>
    ${heading}
    ${checks.length ? html`<ol class="derivation">${checks.map((c) => {
      const clause = dir.clauses?.[c.clause] || {};
      const citation = c.citations?.[lang] || clause.citations?.[lang] || c.citation || clause.citation || c.clause;
      const text = c.clause_texts?.[lang] || clause.texts?.[lang] || c.clause_text || clause.text;
      // "noted": a condition not met that does not stop the decision (a quorum missed where the
      // matter proceeds ad referendum).
      const verdict = c.verdict || (c.passed ? 'passed' : 'failed');
      const unverified = c.clause_verified === false || clause.verified === false;
      // The server words the note in the language asked for where the charter gives it.
      const note = c.clause_note || clause.notes?.[lang] || clause.note;
      return html`<li class=${verdict}>
        <p><strong>${tv('rule', c.rule)}</strong> — <${Badge} kind=${VERDICT_KIND[verdict] || ''}>${tv('verdict', verdict)}<//></p>
        <p class="detail">${c.details?.[lang] || c.detail}</p>
        ${c.clause ? html`<figure class="clause"><figcaption>${citation}</figcaption>${text ? html`<blockquote>${text}</blockquote>` : null}
          ${unverified ? html`<p class="caveat"><strong>${t('decision.unverified')}</strong>${note ? `: ${note}` : ''}</p>` : null}
          ${clause.source ? html`<p class="source"><a href=${clause.source} rel="noopener noreferrer">${t('decision.source')}</a></p>` : null}
        </figure>` : null}
      </li>`;
    })}</ol>` : html`<p class="muted">${t('decision.no_checks')}</p>`}
  </section>`;
}

function Acts({ d }) {
  const { t, tv, name } = useApp();
  const acts = d.acts || [];
  if (!acts.length) return null;
  return html`<section aria-labelledby="acts-after-title">
    <h2 id="acts-after-title">${t('decision.after_session')}</h2>
    <ul class="acts">${acts.map((a) => html`<li><${Time} value=${a.at} />: ${
      a.act === 'transmitted' ? t('act.transmitted', { member: name('member', a.member) }) + (a.via ? ` (${tv('via', a.via)})` : '')
      : a.act === 'acceded' ? t('act.acceded', { member: name('member', a.member) }) + (a.reservation ? ` — ${t('decision.reservation')}: ${a.reservation}` : '')
      : a.act === 'refused' ? t(a.objects ? 'act.refused_objects' : 'act.refused', { member: name('member', a.member) })
      : `${name('member', a.member)}: ${tv('act', a.act)}`}</li>`)}</ul>
  </section>`;
}

function DecisionActions({ d }) {
  const { t, name, dir, who, api, may } = useApp();
  const path = `/api/v0/decisions/${encodeURIComponent(d.id)}`;
  const own = who.member;
  // Only a delegation accedes or refuses, for its own state, while its accession is pending.
  const pending = own && d.members?.[own] === 'pending';
  const accede = pending && may('accession.deposited');
  const refuse = pending && may('accession.refused');
  const transmit = may('document.transmitted');
  const memberChoices = useMemberChoices();
  if (!transmit && !accede && !refuse) return null;
  return html`<section class="no-print" aria-labelledby="decision-acts-title">
    <h2 id="decision-acts-title">${t('session.actions')}</h2>
    ${transmit ? html`<${Form} id="transmit" title=${t('action.transmit')} submitLabel=${t('action.transmit_submit')}
      fields=${[
        { name: 'member', label: t('common.member'), type: 'select', required: true,
          options: memberChoices },
        { name: 'via', label: t('field.via'), hint: t('hint.via') },
      ]}
      onSubmit=${(v) => api.post(`${path}/transmissions`, v)} />` : null}
    ${accede ? html`
      <${Form} id="accede" title=${t('action.accede')} submitLabel=${t('action.accede_submit')}
        fields=${[
          { name: 'member', label: t('common.member'), type: 'fixed', value: own, display: name('member', own) },
          { name: 'reservation', label: t('decision.reservation'), type: 'textarea', hint: t('hint.reservation') },
        ]}
        onSubmit=${(v) => api.post(`${path}/accessions`, v)} />` : null}
    ${refuse ? html`
      <${Form} id="refuse" title=${t('action.refuse')} submitLabel=${t('action.refuse_submit')}
        fields=${[
          { name: 'member', label: t('common.member'), type: 'fixed', value: own, display: name('member', own) },
          { name: 'objects', label: t('field.objects'), type: 'radio', required: true, value: 'false',
            options: [{ value: 'false', label: t('field.objects_no') }, { value: 'true', label: t('field.objects_yes') }] },
        ]}
        onSubmit=${(v) => api.post(`${path}/refusals`, { ...v, objects: v.objects === 'true' })} />` : null}
  </section>`;
}
