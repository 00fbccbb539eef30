// Helpers that write Camunda Forms (form-js schema version 16, Camunda 8.6) in a few lines each.
// Every input component gets a stable id `Field_<key>`; display components get their own ids.

let seq = 0;
const nextId = (prefix) => `${prefix}_${++seq}`;

const common = (o) => {
  const c = {};
  if (o.hideIf) c.conditional = { hide: o.hideIf };
  if (o.description) c.description = o.description;
  if (o.readonly) c.readonly = true;
  return c;
};

const validate = (o, extra = {}) => {
  const v = { ...extra };
  if (o.required) v.required = true;
  if (o.min !== undefined) v.min = o.min;
  if (o.max !== undefined) v.max = o.max;
  if (o.minLength !== undefined) v.minLength = o.minLength;
  if (o.maxLength !== undefined) v.maxLength = o.maxLength;
  if (o.pattern !== undefined) v.pattern = o.pattern;
  return Object.keys(v).length ? { validate: v } : {};
};

export const text = (md, o = {}) => ({ type: 'text', id: nextId('Text'), text: md, ...common(o) });

export const textfield = (key, label, o = {}) => ({ type: 'textfield', id: `Field_${key}`, key, label, ...common(o), ...validate(o) });

export const textarea = (key, label, o = {}) => ({ type: 'textarea', id: `Field_${key}`, key, label, ...common(o), ...validate(o) });

export const number = (key, label, o = {}) => ({
  type: 'number',
  id: `Field_${key}`,
  key,
  label,
  ...(o.decimalDigits !== undefined ? { decimalDigits: o.decimalDigits } : {}),
  ...(o.increment !== undefined ? { increment: String(o.increment) } : {}),
  ...(o.defaultValue !== undefined ? { defaultValue: o.defaultValue } : {}),
  ...common(o),
  ...validate(o),
});

export const checkbox = (key, label, o = {}) => ({
  type: 'checkbox',
  id: `Field_${key}`,
  key,
  label,
  defaultValue: o.defaultValue ?? false,
  ...common(o),
  ...validate(o),
});

export const radio = (key, label, values, o = {}) => ({
  type: 'radio',
  id: `Field_${key}`,
  key,
  label,
  values: values.map(([value, l]) => ({ label: l, value })),
  ...(o.defaultValue !== undefined ? { defaultValue: o.defaultValue } : {}),
  ...common(o),
  ...validate(o),
});

export const select = (key, label, o = {}) => ({
  type: 'select',
  id: `Field_${key}`,
  key,
  label,
  ...(o.valuesKey ? { valuesKey: o.valuesKey } : { values: o.values.map(([value, l]) => ({ label: l, value })) }),
  ...(o.searchable ? { searchable: true } : {}),
  ...(o.defaultValue !== undefined ? { defaultValue: o.defaultValue } : {}),
  ...common(o),
  ...validate(o),
});

export const checklist = (key, label, values, o = {}) => ({
  type: 'checklist',
  id: `Field_${key}`,
  key,
  label,
  values: values.map(([value, l]) => ({ label: l, value })),
  ...common(o),
  ...validate(o),
});

export const date = (key, label, o = {}) => ({
  type: 'datetime',
  id: `Field_${key}`,
  key,
  subtype: 'date',
  dateLabel: label,
  ...(o.disallowPassedDates ? { disallowPassedDates: true } : {}),
  ...common(o),
  ...validate(o),
});

export const datetime = (key, label, o = {}) => ({
  type: 'datetime',
  id: `Field_${key}`,
  key,
  subtype: 'datetime',
  dateLabel: label,
  timeLabel: o.timeLabel ?? 'Laiks',
  use24h: true,
  timeSerializingFormat: 'utc_offset',
  timeInterval: 15,
  ...(o.disallowPassedDates ? { disallowPassedDates: true } : {}),
  ...common(o),
  ...validate(o),
});

export const group = (label, components, o = {}) => ({
  type: 'group',
  id: nextId('Group'),
  label,
  showOutline: true,
  ...(o.path ? { path: o.path } : {}),
  components,
  ...common(o),
});

export const table = (label, dataSource, columns, o = {}) => ({
  type: 'table',
  id: nextId('Table'),
  label,
  dataSource,
  columns: columns.map(([key, l]) => ({ key, label: l })),
  rowCount: o.rowCount ?? 10,
  ...common(o),
});

export const separator = () => ({ type: 'separator', id: nextId('Separator') });

/** A whole form document. */
export function form(id, components) {
  seq = 0;
  const withIds = JSON.parse(JSON.stringify(components));
  // ids of display components are renumbered per form, so that regenerating gives the same file
  let n = 0;
  const walk = (list) => {
    for (const c of list) {
      if (!c.key && c.type !== 'group') c.id = `${c.type[0].toUpperCase()}${c.type.slice(1)}_${++n}`;
      if (c.type === 'group') {
        c.id = `Group_${++n}`;
        walk(c.components);
      }
    }
  };
  walk(withIds);
  return {
    executionPlatform: 'Camunda Cloud',
    executionPlatformVersion: '8.6.0',
    exporter: { name: 'PLUS Flow', version: '0.1.0' },
    schemaVersion: 16,
    id,
    type: 'default',
    components: withIds,
  };
}

/**
 * The variables a form writes: keys of input fields (not read-only), and the path of a group that has one
 * (its fields are nested under it). Used to scope a user task's form variables (reset on entry, copied out).
 */
export function formOutputKeys(doc) {
  const keys = [];
  const walk = (list) => {
    for (const c of list) {
      if (c.type === 'group') {
        if (c.path) keys.push(c.path);
        else walk(c.components);
      } else if (c.key && !c.readonly) keys.push(c.key);
    }
  };
  walk(doc.components);
  return [...new Set(keys)];
}

/** Default values of top-level keys (checkboxes, radios with a default), to reset a task's form variables to. */
export function formKeyDefaults(doc) {
  const out = {};
  const walk = (list) => {
    for (const c of list) {
      if (c.type === 'group' && !c.path) walk(c.components);
      else if (c.key && !c.readonly && c.defaultValue !== undefined) out[c.key] = c.defaultValue;
    }
  };
  walk(doc.components);
  return out;
}
