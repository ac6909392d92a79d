// Where the keyboard focus is, seen from one view: the data-kit-key of the focused control
// (null if the focus is on something else, described in `other`), whether a focus indicator
// is drawn (an outline, or the control or the box around it looks different from when it was
// not focused: window.__kitRest, kept by view_controls.js), and where on the screen the
// control is compared with control data-kit-key=`previous` (measured now: the page may have
// scrolled): `after` is false if it is on a line above (and not in a column to the right), or
// to the left on the same line.
(view, previous) => {
  const el = document.activeElement;
  const ring = e => {
    if (!e) return false;
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
      && s.outlineColor !== 'transparent' && !s.outlineColor.endsWith(', 0)');
    return outline || (s.boxShadow && s.boxShadow !== 'none');
  };
  const key = el && view.contains(el) ? el.getAttribute('data-kit-key') : null;
  const rest = key === null ? null : (window.__kitRest || {})[key];
  const changed = rest !== undefined && rest !== null && (__STYLE_KEY__)(el) !== rest;
  const before = previous === null ? null : view.querySelector(`[data-kit-key="${previous}"]`);
  let after = true;
  if (el && before) {
    const r = el.getBoundingClientRect();
    const b = before.getBoundingClientRect();
    const above = r.bottom <= b.top && r.left < b.right;
    const sameLine = r.top < b.bottom && r.bottom > b.top;
    after = !(above || (sameLine && r.right <= b.left));
  }
  return {
    key: key === null ? null : Number(key),
    other: key === null && el ? `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 80) : '',
    visible: !!el && (changed || ring(el)),
    after,
  };
}
