// One form component for every write: it validates before sending, puts each error next to
// the field it concerns (or by the submit button), and keeps what was typed when it fails.
import { useRef, useState } from 'preact/hooks';
import { html, useApp, errorWords } from './ui.js';
import { formatDay } from './format.js';

export const ID_RE = /^[a-z0-9-]+$/;

function initialValues(fields) {
  const v = {};
  for (const f of fields) v[f.name] = f.value !== undefined ? f.value : f.type === 'checks' ? [] : f.type === 'checkbox' ? false : '';
  return v;
}

function isEmpty(v) {
  return v === '' || v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

// Which field of the form an API error concerns: the problem's own `field` where the server
// names one; else (an older server) the first quoted name in its detail ("missing field
// 'title'"), or the member for a delegation acting for another state. A field the form does not
// have (a path parameter, a query parameter) leaves the error by the submit button.
export function fieldOfError(error, names) {
  if (error?.field) return names.includes(error.field) ? error.field : null;
  const detail = error?.detail || '';
  for (const m of detail.matchAll(/'([A-Za-z_]+)'/g)) if (names.includes(m[1])) return m[1];
  if (/may act only for/.test(detail) && names.includes('member')) return 'member';
  return null;
}

// fields: [{name, label, type: text|textarea|select|radio|checks|checkbox|fixed, options:[{value,label}],
//           required, id (an identifier: [a-z0-9-]+), hint, value (initial), display (for fixed)}]
// onSubmit(values) sends and resolves to the API's answer ({seq, hash}).
export function Form({ id, title, intro, fields, submitLabel, onSubmit, onDone, reset = true }) {
  const { t, refresh, asOf, lang } = useApp();
  const [values, setValues] = useState(() => initialValues(fields));
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(null);
  const formRef = useRef(null);
  const names = fields.map((f) => f.name);

  const set = (name, v) => {
    setValues((old) => ({ ...old, [name]: v }));
    setDone(null);
  };

  const validate = () => {
    const e = {};
    for (const f of fields) {
      const v = values[f.name];
      if (f.required && isEmpty(typeof v === 'string' ? v.trim() : v)) e[f.name] = t('form.required');
      else if (f.id && !isEmpty(v) && !ID_RE.test(v)) e[f.name] = t('form.bad_id');
    }
    return e;
  };

  const focusField = (name) => {
    const el = formRef.current?.querySelector(`[name="${name}"]`) || formRef.current?.querySelector('[type=submit]');
    el?.focus();
  };

  const submit = async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const e = validate();
    setErrors(e);
    setDone(null);
    const first = names.find((n) => e[n]);
    if (first) { focusField(first); return; }
    setBusy(true);
    try {
      const body = {};
      for (const f of fields) {
        let v = values[f.name];
        if (typeof v === 'string') v = v.trim();
        if (!f.required && isEmpty(v) && f.type !== 'checkbox') continue;
        body[f.name] = v;
      }
      const answer = await onSubmit(body);
      setDone(answer || {});
      if (reset) setValues(initialValues(fields));
      onDone?.(answer, body);
      refresh();
    } catch (err) {
      const field = fieldOfError(err, names);
      setErrors({ [field || '_form']: errorWords(err, t) });
      focusField(field || '_submit');
    } finally {
      setBusy(false);
    }
  };

  return html`<form id=${id} class="action" ref=${formRef} onSubmit=${submit} novalidate aria-labelledby=${`${id}-heading`}>
    <h3 id=${`${id}-heading`}>${title}</h3>
    ${intro ? html`<p class="muted">${intro}</p>` : null}
    ${asOf ? html`<p class="hint">${t('form.as_of_note', { date: formatDay(asOf, lang) })}</p>` : null}
    ${fields.map((f) => html`<${Field} key=${f.name} form=${id} f=${f} value=${values[f.name]} error=${errors[f.name]}
        onChange=${(v) => set(f.name, v)} />`)}
    <div class="submit">
      <button type="submit" name="_submit" disabled=${busy} aria-describedby=${errors._form ? `${id}-form-error` : undefined}>${submitLabel}</button>
      ${busy ? html`<span class="muted" role="status">${t('form.sending')}</span>` : null}
      ${errors._form ? html`<p id=${`${id}-form-error`} class="error" role="alert">${errors._form}</p>` : null}
      ${done ? html`<p class="ok" role="status">${done.seq ? t('form.recorded', { seq: done.seq }) : t('form.done')}</p>` : null}
    </div>
  </form>`;
}

function Field({ form, f, value, error, onChange }) {
  const { t } = useApp();
  const fid = `${form}-${f.name}`;
  const errId = `${fid}-error`;
  const hintId = `${fid}-hint`;
  const described = [f.hint ? hintId : '', error ? errId : ''].filter(Boolean).join(' ') || undefined;
  const common = { id: fid, name: f.name, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': described, required: f.required };
  const label = html`${f.label}${f.required ? html` <span class="req">(${t('form.required_mark')})</span>` : null}`;
  const hint = f.hint ? html`<p id=${hintId} class="hint">${f.hint}</p>` : null;
  const err = error ? html`<p id=${errId} class="error" role="alert">${error}</p>` : null;

  if (f.type === 'fixed') {
    return html`<div class="field fixed"><span class="label" id=${`${fid}-label`}>${f.label}</span>
      <output id=${fid} name=${f.name} aria-labelledby=${`${fid}-label`}>${f.display || value}</output>${hint}${err}</div>`;
  }
  if (f.type === 'radio' || f.type === 'checks') {
    const multi = f.type === 'checks';
    return html`<fieldset class="field" aria-describedby=${described} aria-invalid=${error ? 'true' : undefined}>
      <legend>${label}</legend>
      ${f.options.map((o, i) => html`<label class="choice"><input type=${multi ? 'checkbox' : 'radio'} name=${f.name} id=${i === 0 ? fid : undefined}
          value=${o.value} checked=${multi ? value.includes(o.value) : value === o.value}
          onChange=${(e) => onChange(multi ? (e.currentTarget.checked ? [...value, o.value] : value.filter((x) => x !== o.value)) : o.value)} /> ${o.label}</label>`)}
      ${hint}${err}
    </fieldset>`;
  }
  if (f.type === 'checkbox') {
    return html`<div class="field"><label class="choice"><input type="checkbox" ...${common} checked=${!!value}
      onChange=${(e) => onChange(e.currentTarget.checked)} /> ${f.label}</label>${hint}${err}</div>`;
  }
  let control;
  if (f.type === 'select') {
    control = html`<select ...${common} value=${value} onChange=${(e) => onChange(e.currentTarget.value)}>
      ${f.required && value !== '' ? null : html`<option value="">${t('form.choose')}</option>`}
      ${f.options.map((o) => html`<option value=${o.value}>${o.label}</option>`)}
    </select>`;
  } else if (f.type === 'textarea') {
    control = html`<textarea ...${common} rows="3" value=${value} onInput=${(e) => onChange(e.currentTarget.value)}></textarea>`;
  } else {
    control = html`<input type="text" ...${common} autocomplete="off" spellcheck=${f.id ? 'false' : undefined}
      pattern=${f.id ? '[a-z0-9-]+' : undefined} value=${value} onInput=${(e) => onChange(e.currentTarget.value)} />`;
  }
  return html`<div class="field"><label for=${fid}>${label}</label>${hint}${control}${err}</div>`;
}
