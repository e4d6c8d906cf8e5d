// Voting power in a body under the charter's rule for a matter: per member state, horizontal
// bars for the Banzhaf and the Shapley–Shubik index beside its share of a declared weight (or
// the equal share 1/n), exact fractions on hover, a veto marked; the bars sit in a table, so the
// numbers are read as a table too.
import { useState } from 'preact/hooks';
import { html, useApp, useData, Status, TableBox, Badge } from '../ui.js';
import { percent } from '../format.js';

// One body, folded: its power is read only when opened (five bodies, two matters each).
export function BodyPower({ body }) {
  const { name, lang } = useApp();
  const [open, setOpen] = useState(false);
  const label = body.names?.[lang] || name('body', body.id);
  return html`<details class="power" data-body=${body.id} onToggle=${(e) => setOpen(e.currentTarget.open)}>
    <summary>${label}</summary>
    ${open ? html`<${PowerChart} body=${body} label=${label} />` : null}
  </details>`;
}

function PowerChart({ body, label }) {
  const { t, tv } = useApp();
  const matters = body.matters || [];
  const [matter, setMatter] = useState(matters[0] || '');
  const state = useData(
    (api) => api.get(`/api/v0/bodies/${encodeURIComponent(body.id)}/power`, { matter }),
    [body.id, matter],
  );
  const id = `power-matter-${body.id}`;
  return html`<div class="power-chart">
    <form class="filters" onSubmit=${(e) => e.preventDefault()}>
      <span><label for=${id}>${t('draft.matter')}</label>
      <select id=${id} value=${matter} onChange=${(e) => setMatter(e.currentTarget.value)}>
        ${matters.map((m) => html`<option value=${m}>${tv('matter', m)}</option>`)}
      </select></span>
    </form>
    <${Status} state=${state} />
    ${state.data ? html`<${PowerTable} p=${state.data} label=${`${label}: ${tv('matter', matter)}`} />` : null}
  </div>`;
}

const SCALES = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1];

// The weights with a share for someone; the equal share stands in when the charter has none.
function shareColumns(p, t, tv) {
  const n = (p.members || []).length;
  const weights = Object.entries(p.weight_shares || {}).filter(([, per]) => Object.values(per || {}).some((x) => x > 0));
  if (weights.length) {
    return weights.map(([w, per]) => ({ key: `weight-${w}`, label: t('power.share_of', { weight: tv('weight', w) }), value: (m) => per[m.id], exact: () => null }));
  }
  return [{ key: 'equal', label: t('power.equal_share'), value: () => (n ? 1 / n : 0), exact: () => (n ? `1/${n}` : null) }];
}

function PowerTable({ p, label }) {
  const { t, tv, name, lang } = useApp();
  const members = p.members || [];
  const columns = [
    { key: 'banzhaf', label: t('power.banzhaf'), value: (m) => m.banzhaf, exact: (m) => m.banzhaf_exact },
    { key: 'shapley-shubik', label: t('power.shapley_shubik'), value: (m) => m.shapley_shubik, exact: (m) => m.shapley_shubik_exact },
    ...shareColumns(p, t, tv),
  ];
  // One scale for every bar, so that lengths compare across columns: from 0 to a round value
  // above the largest (a full bar would read as 100 %).
  const largest = Math.max(0, ...members.flatMap((m) => columns.map((c) => c.value(m) || 0)));
  const top = SCALES.find((x) => x >= largest - 1e-12) || 1;
  const vetoes = members.some((m) => m.veto);
  return html`
    <p class="muted">${t('power.rule')}: ${tv('rule', p.rule)}; ${tv('power_method', p.method)}.</p>
    ${typeof p.decisiveness === 'number' ? html`<p data-testid="decisiveness">${t('power.decisiveness', { pct: percent(p.decisiveness, lang), exact: p.decisiveness_exact || '' })}</p>` : null}
    <${TableBox} label=${label}><table class="power" data-matter=${p.matter}>
      <thead><tr><th scope="col">${t('common.member')}</th>${columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
      <tbody>${members.map((m) => html`<tr data-member=${m.id} data-veto=${m.veto ? 'true' : 'false'}>
        <th scope="row">${name('member', m.id)}${m.veto ? html` <${Badge} kind="veto"><span title=${t('power.veto_title')}>${t('power.veto')}</span><//>` : null}</th>
        ${columns.map((c) => html`<td><${Bar} kind=${c.key} value=${c.value(m)} exact=${c.exact(m)} top=${top} /></td>`)}
      </tr>`)}</tbody>
    </table><//>
    <p class="muted">${t('power.scale', { max: percent(top, lang) })}</p>
    ${vetoes ? html`<p class="muted"><${Badge} kind="veto">${t('power.veto')}<//> ${t('power.veto_note')}</p>` : null}
    ${(p.notes || []).length ? html`<ul class="notes muted">${p.notes.map((n) => html`<li>${n}</li>`)}</ul>` : null}`;
}

// A bar, its value in words beside it; the exact fraction on hover and for screen readers.
function Bar({ kind, value, exact, top }) {
  const { t, lang } = useApp();
  if (typeof value !== 'number') return html`<span class="muted">—</span>`;
  const title = exact ? t('power.exact', { exact }) : percent(value, lang);
  return html`<div class="power-bar" title=${title} data-exact=${exact || undefined}>
    <span class="track" aria-hidden="true"><span class=${`fill ${kind}`} style=${`width: ${((100 * value) / top).toFixed(2)}%`}></span></span>
    <span class="value">${percent(value, lang)}${exact ? html`<span class="visually-hidden"> (${title})</span>` : null}</span>
  </div>`;
}
