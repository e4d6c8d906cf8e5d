// The page of one decision or draft: a pending draft is shown as the draft under discussion
// (views/draft.js), anything decided as the decision (views/decision.js): the same record,
// before and after.
import { html, useApp, useData, useTitle, Status } from '../ui.js';
import { DecisionView } from './decision.js';
import { DraftView } from './draft.js';

export function DecisionPage({ id }) {
  const { t } = useApp();
  const state = useData((api) => api.get(`/api/v0/decisions/${encodeURIComponent(id)}`), [id]);
  const d = state.data;
  useTitle(d?.title || id);
  if (!d) {
    return html`<h1 tabindex="-1">${id}</h1><${Status} state=${state} what=${t('decision.decision')} />`;
  }
  return d.status === 'pending' ? html`<${DraftView} d=${d} />` : html`<${DecisionView} d=${d} />`;
}
