// A draft under discussion: the positions so far and, live, what the engine would decide if
// it were put to decision now, with the derivation.
import { html, useApp, useMemberChoices, TableBox, Badge, stateKind } from '../ui.js';
import { decisionSentence, listOf } from '../format.js';
import { Form } from '../forms.js';
import { Header, Derivation } from './decision.js';
import { quorumBadge } from './sessions.js';
import { WhatIf } from './whatif.js';

export const POSITIONS = ['support', 'object', 'abstain', 'not_interested'];

// The latest position of each member, and who has not spoken.
function positionRows(d, dir) {
  const latest = new Map();
  for (const p of d.positions || []) latest.set(p.member, p);
  const silent = new Set(d.not_yet_spoken || []);
  const ids = [...new Set([...dir.members.map((m) => m.id), ...latest.keys(), ...silent])];
  return ids.map((m) => latest.get(m) || { member: m, position: silent.has(m) || Array.isArray(d.not_yet_spoken) ? 'not_yet_spoken' : 'unknown' });
}

export function DraftView({ d }) {
  const { t, tv, lang, name, dir } = useApp();
  const rows = positionRows(d, dir);
  const counts = {};
  for (const r of rows) counts[r.position] = (counts[r.position] || 0) + 1;
  const now = d.if_decided_now;
  const nowSentence = now ? decisionSentence({ ...d, ...now }, { t, lang, name: (m) => name('member', m), number: t.number }) : '';
  return html`
    <${Header} d=${d} draft />
    <p><${Badge} kind="wait">${t('draft.under_discussion')}<//></p>
    <section aria-labelledby="positions-title">
      <h2 id="positions-title">${t('draft.positions')}</h2>
      <p class="counts">${[...POSITIONS, 'not_yet_spoken'].map((p) => html`<span class="count"><strong>${counts[p] || 0}</strong> ${tv('position_count', p)}</span>`)}</p>
      <${TableBox} label=${t('draft.positions')}><table>
        <thead><tr><th scope="col">${t('common.member')}</th><th scope="col">${t('draft.position')}</th><th scope="col">${t('decision.reservation')}</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr data-member=${r.member}>
          <th scope="row">${name('member', r.member)}</th>
          <td><${Badge} kind=${stateKind(r.position)}>${tv('position', r.position)}<//></td>
          <td>${r.reservation ? (typeof r.reservation === 'string' ? r.reservation : t('draft.with_reservation')) : html`<span class="muted">—</span>`}</td>
        </tr>`)}</tbody>
      </table><//>
    </section>
    <section aria-labelledby="if-now-title" aria-live="polite">
      <h2 id="if-now-title">${t('draft.if_decided_now')}</h2>
      ${now ? html`
        <p class="status-line"><${Badge} kind=${stateKind(now.status)}>${tv('status', now.status)}<//> <span data-testid="if-now">${nowSentence}</span></p>
        ${now.quorum_met !== undefined ? html`<p>${t('session.quorum')}: ${quorumBadge(now, t)}</p>` : null}
        <p>${t('decision.binding_on')}: ${(now.binding_on || []).length ? listOf(now.binding_on.map((m) => name('member', m)), lang) : t('decision.nobody')}</p>
      ` : html`<p class="muted">${t('draft.no_projection')}</p>`}
    </section>
    ${now ? html`<${Derivation} checks=${now.checks || []} title=${t('draft.derivation_now')} />` : null}
    <${WhatIf} key=${d.id} d=${d} draft />
    <${DraftActions} d=${d} />`;
}

function DraftActions({ d }) {
  const { t, tv, name, dir, who, api, may } = useApp();
  const path = `/api/v0/drafts/${encodeURIComponent(d.id)}`;
  const own = who.member;
  const positions = may('position.taken');
  const decide = may('draft.put_to_decision');
  const memberChoices = useMemberChoices();
  if (!positions && !decide) return null;
  return html`<section aria-labelledby="draft-acts-title">
    <h2 id="draft-acts-title">${t('session.actions')}</h2>
    ${positions ? html`<${Form} id="position" title=${t('action.position')} submitLabel=${t('action.position_submit')}
      fields=${[
        !own
          ? { name: 'member', label: t('common.member'), type: 'select', required: true, options: memberChoices }
          : { name: 'member', label: t('common.member'), type: 'fixed', value: own, display: name('member', own) },
        { name: 'position', label: t('draft.position'), type: 'radio', required: true, options: POSITIONS.map((p) => ({ value: p, label: tv('position', p) })) },
        { name: 'reservation', label: t('decision.reservation'), type: 'textarea', hint: t('hint.reservation') },
      ]}
      onSubmit=${(v) => api.post(`${path}/positions`, v)} />` : null}
    ${decide ? html`<${Form} id="put-to-decision" title=${t('action.decide')} intro=${t('action.decide_intro')} submitLabel=${t('action.decide_submit')}
      fields=${[]} onSubmit=${() => api.post(`${path}/decision`, {})} />` : null}
  </section>`;
}
