// The HTTP API seen from the browser: a bearer token on every call, as_of and lang on every
// read, RFC 9457 problem details turned into an Error that still carries status, detail and the
// field the problem concerns.

export class ApiError extends Error {
  constructor(status, title, detail, type, field) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title || '';
    this.detail = detail || '';
    this.type = type || '';
    // The request field or query parameter the detail names ("title"), when the server says.
    this.field = field || '';
  }
}

// Builds "/path?a=1&b=2", leaving out empty values so that "no filter" is simply absent.
export function withQuery(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

async function problem(res) {
  let body = null;
  try { body = await res.json(); } catch { /* not JSON: keep the status line */ }
  return new ApiError(res.status, body?.title || res.statusText, body?.detail || '', body?.type,
    typeof body?.field === 'string' ? body.field : '');
}

// token: the bearer token; asOf: "YYYY-MM-DD" or '' (now); lang: the interface language, in
// which the server renders the record's words where it has them (check details, citations,
// clause texts); onUnauthorized: called on 401 so the app can drop a revoked token and show the
// sign-in form.
export function makeApi({ token, asOf = '', lang = '', onUnauthorized = () => {} }) {
  // Every read says the language, unless the caller set one.
  const withLang = (params) => (lang && !('lang' in params) ? { ...params, lang } : params);
  const headers = (extra = {}) => ({ Authorization: `Bearer ${token}`, ...extra });

  async function send(method, url, body, accept = 'application/json') {
    let res;
    try {
      res = await fetch(url, {
        method,
        headers: headers(body === undefined ? { Accept: accept } : { Accept: accept, 'Content-Type': 'application/json' }),
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (e) {
      throw new ApiError(0, 'network', e.message);
    }
    if (!res.ok) {
      const err = await problem(res);
      if (res.status === 401) onUnauthorized(err);
      throw err;
    }
    return res;
  }

  return {
    token,
    asOf,
    lang,
    // A read: as_of is added unless the caller already set one.
    async get(path, params = {}) {
      const p = asOf && !('as_of' in params) ? { ...params, as_of: asOf } : params;
      const res = await send('GET', withQuery(path, withLang(p)));
      return res.json();
    },
    // A raw read (the journal is JSON Lines, not JSON).
    async text(path, params = {}) {
      const res = await send('GET', withQuery(path, withLang(params)), undefined, '*/*');
      return { text: await res.text(), headers: res.headers };
    },
    // One page of a paginated list: {items, next}.
    async page(path, name, params = {}, cursor = null, limit = 100) {
      const body = await this.get(path, { ...params, limit, cursor });
      return { items: Array.isArray(body[name]) ? body[name] : [], next: body.next_cursor || null, body };
    },
    async post(path, body = {}) {
      const res = await send('POST', path, body);
      return res.json();
    },
    // A link the browser can follow on its own (downloads cannot send headers).
    link(path, params = {}) {
      return withQuery(path, { ...withLang(params), as_of: asOf || undefined, access_token: token });
    },
  };
}
