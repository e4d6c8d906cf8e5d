// What if: the outcome the charter's rules give a draft or decision, and what would change it —
// each single change to one member state that gives another status (pivotal), and the changes
// that do so only together (minimal sets) — with a form to try changes: the outcome they give,
// its derivation, beside the status recorded. Nothing is recorded. It reads again on every live
// update (useData), so it follows the positions as they arrive.
import { useRef, useState } from 'preact/hooks';
import { html, useApp, useData, Badge, ErrorText, stateKind } from '../ui.js';
import { decisionSentence, listOf, orList } from '../format.js';
import { Derivation, orderedMembers } from './decision.js';

// The statuses under which a draft has passed (binding on some or all).
const PASSING = ['adopted', 'adopted_limited', 'pending_accession'];
const BALLOT = ['present', 'absent', 'non_objection', 'support', 'object', 'abstain', 'not_interested'];
// Acts after the decision: only for a decided draft.
const ACTS = ['accedes', 'refuses', 'refuses_objecting'];
const STANCES = ['support', 'object', 'abstain', 'not_interested'];
// A member whose status is one of these stops the draft by its own word.
const OBJECTING = ['objected', 'refused_objects'];

// {ARM: 'object', KAZ: 'present'} -> {position: 'ARM=object', present: 'KAZ'}: the route's query.
export function whatIfQuery(choices) {
  const q = {};
  const positions = [];
  for (const [m, c] of Object.entries(choices)) {
    if (!c) continue;
    if (STANCES.includes(c)) positions.push(`${m}=${c}`);
    else q[c] = q[c] ? `${q[c]},${m}` : m;
  }
  if (positions.length) q.position = positions.join(',');
  return q;
}

// "ARM=accedes" -> "Armenia accedes"
function changeWords(text, { t, name }) {
  const i = text.indexOf('=');
  const member = i > 0 ? text.slice(0, i) : text;
  const word = i > 0 ? text.slice(i + 1) : '';
  const key = `change.${word}`;
  return t.has(key) ? t(key, { member: name('member', member) }) : `${name('member', member)}: ${word.replace(/_/g, ' ')}`;
}

function capital(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// Scenarios grouped by the status they give, in the order first seen.
function byStatus(list) {
  const groups = new Map();
  for (const s of list) {
    if (!groups.has(s.status)) groups.set(s.status, []);
    groups.get(s.status).push(s);
  }
  return [...groups.entries()];
}

export function WhatIf({ d, draft }) {
  const app = useApp();
  const { t, tv, lang, name, dir, asOf } = app;
  const [choices, setChoices] = useState({}); // the form, as edited
  const [tried, setTried] = useState({}); // what the last "Try" asked
  const path = `/api/v0/${draft ? 'drafts' : 'decisions'}/${encodeURIComponent(d.id)}/whatif`;
  const query = whatIfQuery(tried);
  const state = useData((api) => api.get(path, query), [path, JSON.stringify(query)]);
  // The last answer stays on screen while another set of changes is tried (not across dates).
  const last = useRef(null);
  if (state.data) last.current = { asOf, data: state.data };
  const a = state.data || (last.current?.asOf === asOf ? last.current.data : null);

  // An older server has no what-if (the page itself was found): the panel is left out.
  if (!a && state.error?.status === 404) return null;
  if (!a) {
    return html`<section class="whatif no-print" aria-labelledby="whatif-title">
      <h2 id="whatif-title">${t('whatif.title')}</h2>
      ${state.error ? html`<${ErrorText} error=${state.error} />` : html`<p class="muted" role="status">${t('common.loading')}</p>`}
    </section>`;
  }

  const changing = Object.keys(query).length > 0 && (a.changed?.changes || []).length > 0;
  const current = changing ? a.changed : a.derived;
  const members = orderedMembers({ members: a.derived?.members || {} }, dir).filter((m) => a.derived?.members?.[m]);
  const words = (c) => changeWords(c, app);
  const statusBadge = (s, testid) => html`<${Badge} kind=${stateKind(s)}><span data-testid=${testid} data-status=${s}>${tv('status', s)}</span><//>`;

  const submit = (e) => {
    e.preventDefault();
    setTried({ ...choices });
  };
  const reset = () => {
    setChoices({});
    setTried({});
  };

  return html`<section class="whatif no-print" aria-labelledby="whatif-title" data-testid="whatif">
    <h2 id="whatif-title">${t('whatif.title')}</h2>
    <p class="muted">${t('whatif.intro')}</p>
    <div aria-live="polite">
      <p class="status-line">${t('whatif.recorded')}: ${statusBadge(a.recorded, 'whatif-recorded')}
        ${draft || a.derived.status !== a.recorded ? html`<br />${t(draft ? 'whatif.if_now' : 'whatif.derived')}: ${statusBadge(a.derived.status, 'whatif-derived')}` : null}</p>
      ${changing ? html`<div class="whatif-changed" data-testid="whatif-result">
        <p><strong>${t('whatif.changes')}:</strong> ${listOf(a.changed.changes.map(words), lang)}</p>
        <p class="status-line">${t('whatif.with_changes')}: ${statusBadge(a.changed.status, 'whatif-status')}
          <span class="sentence" data-testid="whatif-sentence">${decisionSentence(a.changed, { t, lang, name: (m) => name('member', m), number: t.number })}</span></p>
        <p>${t('decision.binding_on')}: ${(a.changed.binding_on || []).length ? listOf(a.changed.binding_on.map((m) => name('member', m)), lang) : t('decision.nobody')}</p>
      </div>` : null}
      <${Pivots} a=${a} current=${current} words=${words} changing=${changing} />
    </div>
    <form class="whatif-form" onSubmit=${submit} aria-labelledby="whatif-try-title">
      <h3 id="whatif-try-title">${t('whatif.try_title')}</h3>
      <div class="whatif-grid">${members.map((m) => html`<div class="field" data-member=${m}>
        <label for=${`whatif-${m}`}>${name('member', m)}</label>
        <p class="hint" id=${`whatif-${m}-hint`}>${t(draft ? 'whatif.now_state' : 'whatif.recorded_state', { state: tv('member_status', a.derived.members[m]) })}</p>
        <select id=${`whatif-${m}`} name=${m} value=${choices[m] || ''} aria-describedby=${`whatif-${m}-hint`}
          onChange=${(e) => { const v = e.currentTarget.value; setChoices((c) => ({ ...c, [m]: v })); }}>
          <option value="">${t('whatif.as_recorded')}</option>
          ${[...BALLOT, ...(a.decided ? ACTS : [])].map((c) => html`<option value=${c}>${tv('whatif_choice', c)}</option>`)}
        </select>
      </div>`)}</div>
      <div class="submit">
        <button type="submit">${t('whatif.try')}</button>
        <button type="button" class="secondary" onClick=${reset} disabled=${!Object.values(choices).some(Boolean) && !changing}>${t('whatif.reset')}</button>
        ${state.loading && state.data == null ? html`<p class="muted" role="status">${t('common.loading')}</p>` : null}
        ${state.error ? html`<${ErrorText} error=${state.error} />` : null}
      </div>
    </form>
    ${changing ? html`<${Derivation} checks=${a.changed.checks || []} title=${t('whatif.derivation')} id="whatif-derivation-title" level=${3} />` : null}
  </section>`;
}

// "Can still pass if Armenia accedes" / "Would be blocked if Kazakhstan objects or Russia
// objects", then every single change grouped by the status it gives, then the changes that
// work only together.
function Pivots({ a, current, words, changing }) {
  const { t, tv, lang, name } = useApp();
  const pivotal = a.pivotal || [];
  const sets = (a.minimal_sets || []).filter((s) => (s.changes || []).length > 1);
  const passing = PASSING.includes(current.status);
  const objecting = Object.entries(current.members || {}).filter(([, s]) => OBJECTING.includes(s)).map(([m]) => name('member', m));
  const flips = pivotal.filter((p) => PASSING.includes(p.status) !== passing).map((p) => words(p.changes[0]));
  const line = (changes) => html`${changes.map((c, i) => html`${i ? ` ${t('whatif.and')} ` : ''}<span data-change=${c}>${words(c)}</span>`)}`;
  return html`<div class="whatif-pivots">
    <h3>${t(changing ? 'whatif.what_changes_tried' : 'whatif.what_changes')}</h3>
    ${!passing && objecting.length ? html`<p data-testid="whatif-blocked">${t('whatif.blocked_by', { list: listOf(objecting, lang) })}</p>` : null}
    <p class="whatif-headline" data-testid="whatif-headline">${passing
      ? (flips.length ? t('whatif.would_block', { list: orList(flips, lang) }) : t('whatif.cannot_block'))
      : (flips.length ? t('whatif.can_pass', { list: orList(flips, lang) }) : t('whatif.cannot_pass'))}</p>
    ${pivotal.length ? html`<ul class="whatif-lines" data-testid="whatif-pivotal">${byStatus(pivotal).map(([status, list]) => html`<li data-status=${status}>
      <strong>${t('whatif.status_if', { status: capital(tv('status', status)) })}:</strong>${' '}
      ${list.map((p, i) => html`${i ? (i === list.length - 1 ? ` ${t('whatif.or')} ` : ', ') : ''}<span data-change=${p.changes[0]}>${words(p.changes[0])}</span>`)}
    </li>`)}</ul>` : html`<p class="muted">${t('whatif.none')}</p>`}
    ${sets.length ? html`<h4>${t('whatif.sets')}</h4>
      <ul class="whatif-lines" data-testid="whatif-sets">${byStatus(sets).map(([status, list]) => html`<li data-status=${status}>
        <strong>${t('whatif.status_if', { status: capital(tv('status', status)) })}:</strong>
        <ul class="whatif-sets">${list.map((s) => html`<li data-changes=${s.changes.join(' ')}>${line(s.changes)}</li>`)}</ul>
      </li>`)}</ul>
      ${a.truncated ? html`<p class="muted">${t('whatif.truncated')}</p>` : null}` : null}
  </div>`;
}
