// The Organization: its members and how they take part, its bodies and chairs, the voting
// power of the members in each body, its posts.
import { html, useApp, useData, useTitle, Status, TableBox, Badge, Time, Link, stateKind } from '../ui.js';
import { formatDay } from '../format.js';
import { BodyPower } from './power.js';

export function Organization() {
  const { t, dir, lang } = useApp();
  useTitle(t('nav.organization'));
  const members = useData((api) => api.get('/api/v0/members', { limit: 500 }), []);
  const bodies = useData((api) => api.get('/api/v0/bodies', { limit: 500 }), []);
  const posts = useData((api) => api.get('/api/v0/posts', { limit: 500 }), []);
  const orgName = dir.names?.[lang] || dir.name || t('org.title');
  // The charter lists each body's matters; an older server's list of bodies does not.
  const powerBodies = (dir.bodies || []).filter((b) => (b.matters || []).length);

  return html`
    <h1 tabindex="-1">${orgName}</h1>
    ${dir.version ? html`<p class="muted">${t('org.charter_version')}: ${dir.version}</p>` : null}
    <section aria-labelledby="org-members">
      <h2 id="org-members">${t('org.members')}</h2>
      <${Status} state=${members} />
      ${members.data ? html`<${MembersTable} members=${members.data.members || []} />` : null}
    </section>
    <section aria-labelledby="org-bodies">
      <h2 id="org-bodies">${t('org.bodies')}</h2>
      <${Status} state=${bodies} />
      ${bodies.data ? html`<${BodiesTable} bodies=${bodies.data.bodies || []} />` : null}
    </section>
    ${powerBodies.length ? html`<section aria-labelledby="org-power">
      <h2 id="org-power">${t('power.title')}</h2>
      <p class="muted">${t('power.intro')}</p>
      ${powerBodies.map((b) => html`<${BodyPower} key=${b.id} body=${b} />`)}
    </section>` : null}
    <section aria-labelledby="org-posts">
      <h2 id="org-posts">${t('org.posts')}</h2>
      <${Status} state=${posts} />
      ${posts.data ? html`<${PostsTable} posts=${posts.data.posts || []} />` : null}
    </section>`;
}

// A state that is not a member on the as-of date (not yet admitted, or gone) says so, with the
// dates of its membership; the others show their membership and participation as recorded.
function MembersTable({ members }) {
  const { t, tv, name, lang } = useApp();
  return html`<${TableBox} label=${t('org.members')}><table>
    <thead><tr><th scope="col">${t('common.member')}</th><th scope="col">${t('org.membership')}</th>
      <th scope="col">${t('org.participation')}</th><th scope="col">${t('org.changed')}</th><th scope="col">${t('org.reason')}</th></tr></thead>
    <tbody>${members.map((m) => {
      const outside = m.member_on_date === false;
      const flagged = outside || m.participation === 'frozen' || m.status === 'suspended' || m.status === 'withdrawn';
      return html`<tr class=${flagged ? 'flagged' : ''} data-member=${m.id} data-member-on-date=${outside ? 'false' : 'true'}>
        <th scope="row">${name('member', m.id)}</th>
        <td>${outside
          ? html`<${Badge} kind="bad">${t('org.not_member_on_date')}<//>${membershipDates(m, t, lang, true)}`
          : html`<${Badge} kind=${stateKind(m.status || 'member')}>${tv('membership', m.status || 'member')}<//>${membershipDates(m, t, lang, false)}`}</td>
        <td>${outside ? html`<span class="muted">—</span>` : html`<${Badge} kind=${stateKind(m.participation || 'active')}>${tv('participation', m.participation || 'active')}<//>`}</td>
        <td>${m.changed ? html`<${Time} value=${m.changed} />` : html`<span class="muted">—</span>`}</td>
        <td>${m.reason || html`<span class="muted">—</span>`}</td>
      </tr>`;
    })}</tbody>
  </table><//>`;
}

// " — member since 20 Apr 1994", " — member from 20 Apr 1994 until 1 Jun 2012"; for a member on
// the date, "since …" (and "until …" where the charter sets an end) in a quieter voice.
function membershipDates(m, t, lang, outside) {
  const since = m.since ? formatDay(m.since, lang) : '';
  const until = m.until ? formatDay(m.until, lang) : '';
  let words = '';
  if (since && until) words = t('org.member_from_until', { since, until });
  else if (since) words = t('org.member_since', { since });
  else if (until) words = t('org.member_until', { until });
  if (!words) return null;
  return outside ? html` <span class="membership-dates">— ${words}</span>` : html`<br /><span class="muted membership-dates">${words}</span>`;
}

function BodiesTable({ bodies }) {
  const { t, name, lang } = useApp();
  return html`<${TableBox} label=${t('org.bodies')}><table>
    <thead><tr><th scope="col">${t('common.body')}</th><th scope="col">${t('org.chair')}</th><th scope="col">${t('nav.sessions')}</th></tr></thead>
    <tbody>${bodies.map((b) => html`<tr>
      <th scope="row">${b.names?.[lang] || name('body', b.id)}</th>
      <td>${b.chair ? name('member', b.chair) : html`<span class="muted">${t('org.no_chair')}</span>`}</td>
      <td><${Link} to="sessions" query=${{ body: b.id }}>${t('org.sessions_link')}<span class="visually-hidden">: ${b.names?.[lang] || name('body', b.id)}</span><//></td>
    </tr>`)}</tbody>
  </table><//>`;
}

function PostsTable({ posts }) {
  const { t, tv, name, lang } = useApp();
  if (!posts.length) return html`<p class="muted">${t('common.none')}</p>`;
  return html`<${TableBox} label=${t('org.posts')}><table>
    <thead><tr><th scope="col">${t('org.post')}</th><th scope="col">${t('org.holder')}</th><th scope="col">${t('org.since')}</th>
      <th scope="col">${t('org.term_end')}</th><th scope="col">${t('org.by_decision')}</th></tr></thead>
    <tbody>${posts.map((p) => html`<tr>
      <th scope="row">${p.names?.[lang] || name('post', p.post)}</th>
      <td>${p.holder
        ? html`${p.holder}${p.provisional ? html` <${Badge} kind="wait">${t('org.provisional')}<//>` : null}`
        : html`<${Badge} kind="bad">${t('org.vacant')}<//>${p.vacated ? html` ${t('org.vacated_on')} <${Time} value=${p.vacated} />` : null}
            ${p.vacated_reason ? html` (${tv('vacated', p.vacated_reason)})` : null}
            ${p.last_holder ? html`<br /><span class="muted">${t('org.last_holder')}: ${p.last_holder}</span>` : null}`}</td>
      <td><${Time} value=${p.since} /></td>
      <td>${p.term_end ? html`<${Time} value=${p.term_end} />` : html`<span class="muted">${t('org.no_term')}</span>`}</td>
      <td>${p.decision ? html`<${Link} to=${`decisions/${p.decision}`}>${p.decision}<//>` : '—'}</td>
    </tr>`)}</tbody>
  </table><//>`;
}
