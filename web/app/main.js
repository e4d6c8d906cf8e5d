// The application: sign-in, hash routing with the as-of date, language, and live updates.
import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { makeApi } from './api.js';
import { makeT, initialLang, saveLang } from './i18n.js';
import { AppContext, html, errorWords } from './ui.js';
import { Organization } from './views/organization.js';
import { Sessions } from './views/sessions.js';
import { Session } from './views/session.js';
import { Drafts } from './views/drafts.js';
import { Decisions } from './views/decisions.js';
import { DecisionPage } from './views/decision_page.js';
import { Matrix } from './views/matrix.js';
import { Requests } from './views/requests.js';
import { RequestPage } from './views/request.js';
import { Journal } from './views/journal.js';

const TOKEN_KEY = 'concord.token';

// The routes, first match wins; ":id" captures one path segment.
const ROUTES = [
  ['', Organization, 'organization'],
  ['organization', Organization, 'organization'],
  ['sessions', Sessions, 'sessions'],
  ['sessions/:id', Session, 'sessions'],
  ['drafts', Drafts, 'drafts'],
  ['drafts/:id', DecisionPage, 'drafts'],
  ['decisions', Decisions, 'decisions'],
  ['decisions/:id', DecisionPage, 'decisions'],
  ['accessions', Matrix, 'accessions'],
  ['requests', Requests, 'requests'],
  ['requests/:id', RequestPage, 'requests'],
  ['journal', Journal, 'journal'],
];
const DELEGATION_EVENTS = ['attendance.present', 'attendance.absent', 'absence.non_objection', 'position.taken', 'silence.broken',
  'accession.deposited', 'accession.refused', 'request.submitted', 'measure.accepted', 'measure.declined'];
const NAV = ['organization', 'sessions', 'drafts', 'decisions', 'accessions', 'requests', 'journal'];

// "#/decisions/minsk-2023-budget?as_of=2023-12-01" -> {path, query}
export function parseHash(hash = location.hash) {
  const raw = hash.replace(/^#\/?/, '');
  const [path, qs = ''] = raw.split('?');
  return { raw, path: path.replace(/\/+$/, ''), query: new URLSearchParams(qs) };
}

function matchRoute(path) {
  const segs = path ? path.split('/') : [];
  for (const [pattern, view, section] of ROUTES) {
    const ps = pattern ? pattern.split('/') : [];
    if (ps.length !== segs.length) continue;
    const params = {};
    if (ps.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = decodeURIComponent(segs[i])), true) : p === segs[i]))) {
      return { view, section, params };
    }
  }
  return null;
}

// A sign-in link (#token=XYZ) stores the token for this tab only and leaves the address bar
// at once, so the token is not kept in history or shown on screen.
function takeTokenFromHash() {
  const m = /(?:^#|[?&#])token=([^&]+)/.exec(location.hash);
  if (!m) return;
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
  const rest = location.hash.replace(/[?&#]?token=[^&]+/, '').replace(/^#?&/, '#');
  history.replaceState(null, '', location.pathname + location.search + (rest && rest !== '#' ? rest : '#/'));
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function App() {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) || '');
  const [lang, setLangState] = useState(initialLang);
  const [route, setRoute] = useState(parseHash);
  const [who, setWho] = useState(null);
  const [authError, setAuthError] = useState(null);
  const [directory, setDirectory] = useState(null);
  const [tick, setTick] = useState(0);
  const [live, setLive] = useState('connecting');
  const mainRef = useRef(null);
  const firstRoute = useRef(true);

  const t = useMemo(() => makeT(lang), [lang]);
  const asOf = DATE_RE.test(route.query.get('as_of') || '') ? route.query.get('as_of') : '';

  useEffect(() => {
    const onHash = () => {
      takeTokenFromHash();
      const stored = sessionStorage.getItem(TOKEN_KEY) || '';
      setToken((old) => (old === stored ? old : stored));
      setRoute(parseHash());
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    saveLang(lang);
  }, [lang]);

  const signOut = useCallback((error = null) => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken('');
    setWho(null);
    setDirectory(null);
    setAuthError(error);
  }, []);

  // A new language is a new api: every view reads again, in that language (the server renders
  // check details, citations and clause texts in it where it has them).
  const api = useMemo(
    () => makeApi({ token, asOf, lang, onUnauthorized: (e) => signOut(e) }),
    [token, asOf, lang],
  );

  // Who the token belongs to.
  useEffect(() => {
    if (!token) return undefined;
    let current = true;
    setWho(null); // another token may speak for another role
    const plain = makeApi({ token, lang, onUnauthorized: (e) => signOut(e) });
    plain.get('/api/v0/whoami').then(
      (w) => { if (current) { setWho(w); setAuthError(null); } },
      (e) => { if (current && e.status !== 401) setWho({ role: 'unknown', member: null, rights: ['public_read'], error: e }); },
    );
    return () => { current = false; };
  }, [token]);

  // The charter in force: the names of the Organization's members, bodies and posts, and its
  // clauses; read again in a new language (the old one stays on screen meanwhile).
  useEffect(() => {
    if (!token) return undefined;
    let current = true;
    const plain = makeApi({ token, lang, onUnauthorized: (e) => signOut(e) });
    loadDirectory(plain).then((d) => current && setDirectory(d));
    return () => { current = false; };
  }, [token, lang]);

  // Live: one server-sent event per journal append; the view re-fetches (debounced) on each.
  useEffect(() => {
    if (!token) return undefined;
    let source = null;
    let timer = null;
    let stopped = false;
    let fellBack = false;
    // Appends that come together are fetched once, at most 100 ms after the first of them.
    const bump = () => {
      if (timer) return;
      timer = setTimeout(() => { timer = null; setTick((n) => n + 1); }, 100);
    };
    const open = (path, eventName) => {
      source = new EventSource(`${path}?access_token=${encodeURIComponent(token)}`);
      let opened = false;
      source.addEventListener(eventName, bump);
      source.onopen = () => {
        if (opened) bump(); // reconnected: catch up on what happened meanwhile
        opened = true;
        setLive('on');
      };
      source.onerror = () => {
        if (stopped) return;
        setLive(source.readyState === EventSource.CLOSED ? 'off' : 'connecting');
        // An older server has only the journal stream; use it if this one is refused.
        if (source.readyState === EventSource.CLOSED && !opened && !fellBack) {
          fellBack = true;
          open('/api/v0/stream', 'entry');
        }
      };
    };
    open('/api/v0/updates', 'head');
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [token]);

  // Focus moves to the new page's heading, so keyboard and screen-reader users start there.
  useEffect(() => {
    if (firstRoute.current) { firstRoute.current = false; return; }
    requestAnimationFrame(() => mainRef.current?.querySelector('h1')?.focus());
  }, [route.path]);

  const href = useCallback((to, query = {}) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
    if (asOf && !('as_of' in query)) q.set('as_of', asOf);
    const s = q.toString();
    return `#/${to.replace(/^\//, '')}${s ? `?${s}` : ''}`;
  }, [asOf]);

  // Changes query values of the current route (filters, the as-of date).
  const setQuery = useCallback((changes) => {
    const q = new URLSearchParams(route.query);
    for (const [k, v] of Object.entries(changes)) if (v) q.set(k, v); else q.delete(k);
    const s = q.toString();
    location.hash = `#/${route.path}${s ? `?${s}` : ''}`;
  }, [route]);

  const setLang = (l) => setLangState(l);

  if (token && !who && !authError) {
    // Signed in already (this tab): wait for whoami rather than flash the sign-in form.
    return html`<main id="main"><p class="muted loading" role="status">${t('common.loading')}</p></main>`;
  }
  if (!token || !who) {
    return html`<${SignIn} t=${t} lang=${lang} setLang=${setLang} error=${authError}
      onToken=${(v) => { sessionStorage.setItem(TOKEN_KEY, v); setAuthError(null); setToken(v); }} />`;
  }

  const matched = matchRoute(route.path);
  const ctx = {
    api, t, tv: t.v, lang, asOf, who, tick, href, setQuery, route,
    query: route.query,
    dir: directory || emptyDirectory(),
    refresh: () => setTick((n) => n + 1),
    can: (right) => (who.rights || []).includes(right),
    // The server says which events this token may record; an older one says only the role.
    may: (type) => (Array.isArray(who.may_record) ? who.may_record.includes(type) : who.role === 'secretariat' || (!!who.member && DELEGATION_EVENTS.includes(type))),
    name: (kind, id) => nameOf(directory, kind, id, lang, t),
  };
  const View = matched?.view;

  return html`<${AppContext.Provider} value=${ctx}>
    <a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); mainRef.current?.focus(); }}>${t('nav.skip')}</a>
    <header class="top">
      <div class="bar">
        <a class="brand" href=${href('')}>concord</a>
        <${Account} t=${t} who=${who} ctx=${ctx} onSignOut=${() => signOut()} />
        <${LangSwitch} t=${t} lang=${lang} setLang=${setLang} />
      </div>
      <nav aria-label=${t('nav.label')}>
        <ul>
          ${NAV.map((s) => html`<li><a href=${href(s)} aria-current=${matched?.section === s ? 'page' : undefined}>${t(`nav.${s}`)}</a></li>`)}
        </ul>
      </nav>
      <${AsOf} t=${t} asOf=${asOf} setQuery=${setQuery} live=${live} />
    </header>
    <main id="main" tabindex="-1" ref=${mainRef} data-route=${route.raw}>
      ${View ? html`<${View} ...${matched.params} />` : html`<h1 tabindex="-1">${t('common.not_found')}</h1>`}
    </main>
    ${who.error ? html`<p class="error" role="alert">${errorWords(who.error, t)}</p>` : null}
  <//>`;
}

function emptyDirectory() {
  return { members: [], bodies: [], posts: [], measures: [], clauses: {}, name: '', names: {} };
}

// The charter gives every name in both languages; an older server has only the lists.
async function loadDirectory(api) {
  try {
    const c = await api.get('/api/v0/charter');
    return { ...emptyDirectory(), ...c, clauses: c.clauses || {} };
  } catch {
    const d = emptyDirectory();
    const [m, b, p] = await Promise.allSettled([
      api.get('/api/v0/members'), api.get('/api/v0/bodies'), api.get('/api/v0/posts'),
    ]);
    if (m.status === 'fulfilled') d.members = m.value.members || [];
    if (b.status === 'fulfilled') d.bodies = b.value.bodies || [];
    if (p.status === 'fulfilled') d.posts = (p.value.posts || []).map((x) => ({ id: x.post, name: x.name, names: x.names }));
    return d;
  }
}

// names[lang], then the interface's own table (for the enumerations a charter may not name),
// then the record's name, then the id itself.
function nameOf(directory, kind, id, lang, t) {
  if (!id) return '';
  const list = directory?.[`${kind}s`] || [];
  const x = list.find((e) => e.id === id);
  if (x?.names?.[lang]) return x.names[lang];
  // `name` is in the charter's own language (its first listed one).
  if (x?.name && lang === (directory?.languages?.[0] || 'en')) return x.name;
  const key = `${kind}.${id}`;
  if (t.has(key)) return t(key);
  return x?.name || id;
}

function LangSwitch({ t, lang, setLang }) {
  return html`<div class="lang" role="group" aria-label=${t('lang.label')}>
    ${['en', 'ru'].map((l) => html`<button type="button" lang=${l} aria-pressed=${lang === l ? 'true' : 'false'}
      onClick=${() => setLang(l)} title=${t(`lang.${l}`)}>${l.toUpperCase()}</button>`)}
  </div>`;
}

function Account({ t, who, ctx, onSignOut }) {
  const role = who.role || 'unknown';
  const words = role.startsWith('delegation:')
    ? t('role.delegation_of', { member: ctx.name('member', who.member || role.slice(11)) })
    : t(`role.${role}`);
  return html`<div class="account">
    <span>${t('auth.signed_in_as')} <strong data-role=${role}>${words}</strong></span>
    <button type="button" onClick=${onSignOut}>${t('auth.sign_out')}</button>
  </div>`;
}

function AsOf({ t, asOf, setQuery, live }) {
  return html`<form class="asof" onSubmit=${(e) => e.preventDefault()}>
    <label for="as-of">${t('asof.label')}</label>
    <input id="as-of" type="date" value=${asOf} max="9999-12-31"
      onChange=${(e) => setQuery({ as_of: DATE_RE.test(e.currentTarget.value) ? e.currentTarget.value : '' })} />
    <button type="button" onClick=${() => setQuery({ as_of: '' })} disabled=${!asOf}>${t('asof.now')}</button>
    <span class="muted">${asOf ? t('asof.past') : t('asof.current')}</span>
    <span class=${`live live-${live}`} role="status">${t(`live.${live}`)}</span>
  </form>`;
}

function SignIn({ t, lang, setLang, error, onToken }) {
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState('');
  useEffect(() => { document.title = `${t('auth.title')} — concord`; }, [t]);
  const submit = (e) => {
    e.preventDefault();
    const v = value.trim();
    if (!v) { setInvalid(t('auth.token_required')); return; }
    setInvalid('');
    onToken(v);
  };
  const message = invalid || (error ? errorWords(error, t) : '');
  return html`<header class="top"><div class="bar"><span class="brand">concord</span>
      <${LangSwitch} t=${t} lang=${lang} setLang=${setLang} /></div></header>
    <main id="main" class="signin">
      <h1>${t('auth.title')}</h1>
      <p>${t('auth.intro')}</p>
      <form onSubmit=${submit} novalidate>
        <label for="token">${t('auth.token')}</label>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" value=${value}
          aria-invalid=${message ? 'true' : undefined} aria-describedby=${message ? 'token-error' : undefined}
          onInput=${(e) => setValue(e.currentTarget.value)} />
        ${message ? html`<p id="token-error" class="error" role="alert">${message}</p>` : null}
        <button type="submit">${t('auth.sign_in')}</button>
      </form>
    </main>`;
}

takeTokenFromHash();
render(html`<${App} />`, document.getElementById('app'));
