// The journal: the latest entries, live, and the verification of the whole chain in words.
import { useState } from 'preact/hooks';
import { html, useApp, useData, useTitle, Status, TableBox, Time, errorWords } from '../ui.js';

const PAGE = 50;

// The newest entries: the head from /readyz, then the page that ends there.
async function loadLatest(api, count) {
  const ready = await fetch('/readyz', { cache: 'no-store' }).then((r) => r.json());
  const head = Number(ready.head) || 0;
  if (!head) return { head, entries: [] };
  const from = Math.max(1, head - count + 1);
  const { text } = await api.text('/api/v0/journal', { from, limit: Math.min(500, head - from + 1) });
  const entries = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).reverse();
  return { head, from, entries };
}

function summary(e, { tv, name }) {
  const ev = e.event || {};
  const parts = [];
  for (const k of ['session', 'draft', 'request']) if (ev[k]) parts.push(ev[k]);
  if (ev.member) parts.push(name('member', ev.member));
  if (ev.position) parts.push(tv('position', ev.position));
  if (ev.measure) parts.push(tv('measure', ev.measure));
  if (ev.status && ev.type === 'decision.recorded') parts.push(tv('status', ev.status));
  return parts.join(' · ');
}

export function Journal() {
  const app = useApp();
  const { t, tv, name, can } = app;
  useTitle(t('nav.journal'));
  const [count, setCount] = useState(PAGE);
  const readable = can('journal_read');
  const state = useData((api) => (readable ? loadLatest(api, count) : Promise.resolve(null)), [count, readable]);
  const j = state.data;
  return html`
    <h1 tabindex="-1">${t('nav.journal')}</h1>
    <p class="muted">${t('journal.intro')}</p>
    <${Verify} />
    <section aria-labelledby="latest-title">
      <h2 id="latest-title">${t('journal.latest')}</h2>
      ${!readable ? html`<p class="notice" role="status">${t('journal.forbidden')}</p>` : html`
        <${Status} state=${state} />
        ${j ? html`<p>${t('journal.head', { seq: j.head })}</p>
        <${TableBox} label=${t('journal.latest')}><table class="journal">
          <thead><tr><th scope="col">${t('journal.seq')}</th><th scope="col">${t('journal.type')}</th><th scope="col">${t('journal.at')}</th>
            <th scope="col">${t('journal.by')}</th><th scope="col">${t('journal.concerns')}</th><th scope="col">${t('journal.hash')}</th></tr></thead>
          <tbody>${j.entries.map((e) => html`<tr data-seq=${e.seq}>
            <th scope="row">${e.seq}</th>
            <td>${tv('event', e.event?.type || '')}</td>
            <td><${Time} value=${e.event?.at} /></td>
            <td>${byWords(e.event?.by, app)}</td>
            <td>${summary(e, app)}</td>
            <td><code title=${e.hash}>${(e.hash || '').slice(0, 12)}…</code></td>
          </tr>`)}</tbody>
        </table><//>
        ${j.from > 1 ? html`<p><button type="button" onClick=${() => setCount((c) => c + PAGE)}>${t('common.more')}</button></p>` : null}` : null}`}
    </section>`;
}

function byWords(by, { t, name }) {
  if (!by) return html`<span class="muted">—</span>`;
  if (by === 'secretariat') return t('role.secretariat');
  return name('member', by);
}

function Verify() {
  const { t, api, can } = useApp();
  const [result, setResult] = useState(null);
  const [busy, setBusy] = useState(false);
  if (!can('verify')) {
    return html`<section aria-labelledby="verify-title"><h2 id="verify-title">${t('journal.verify')}</h2>
      <p class="notice" role="status">${t('journal.verify_forbidden')}</p></section>`;
  }
  const run = async () => {
    setBusy(true);
    setResult(null);
    try { setResult({ ok: true, v: await api.get('/api/v0/verify', { as_of: undefined }) }); }
    catch (error) { setResult({ ok: false, error }); }
    finally { setBusy(false); }
  };
  const v = result?.v;
  return html`<section aria-labelledby="verify-title">
    <h2 id="verify-title">${t('journal.verify')}</h2>
    <p><button type="button" onClick=${run} disabled=${busy}>${t('journal.verify_button')}</button>
      ${busy ? html` <span class="muted" role="status">${t('journal.verifying')}</span>` : null}</p>
    <div aria-live="polite" id="verify-result">
      ${result && !result.ok ? html`<p class="error" role="alert">${errorWords(result.error, t)}</p>` : null}
      ${v ? html`<div class=${`verdict ${v.ok ? 'good' : 'bad'}`}>
        <p><strong>${v.ok ? t('journal.verified', { n: v.entries }) : t('journal.not_verified', { seq: v.failure?.seq ?? '?', reason: v.failure?.reason || '' })}</strong></p>
        ${v.head ? html`<p>${t('journal.note_head')}</p><dl class="facts"><div><dt>${t('journal.seq')}</dt><dd>${v.head.seq}</dd></div>
          <div class="wide"><dt>${t('journal.hash')}</dt><dd><code class="hash">${v.head.hash}</code></dd></div></dl>` : null}
      </div>` : null}
    </div>
  </section>`;
}
