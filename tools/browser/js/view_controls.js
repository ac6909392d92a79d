// The controls of one view, in document (reading) order, each marked data-kit-key="i".
// For each: its kind, a name to report it by (its label), whether Tab can reach it, whether it
// is one of the view's own controls (not the "Save figure" row, nor "predict, then check", nor
// the name box and tick box of a file row),
// and for a slider its value, minimum and maximum. How each looks unfocused is kept in
// window.__kitRest (see focus_state.js).
(view) => {
  const interactive = 'button, input:not([type=hidden]), select, textarea, [role=slider], '
    + '[role=button], [role=switch], [role=checkbox], [role=radio], [role=combobox], '
    + '[contenteditable=""], [contenteditable=true], a[href]';
  const value = __CONTROL_VALUE__;
  const look = __STYLE_KEY__;
  const shown = e => {
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden';
  };
  const kindOf = e => {
    const role = e.getAttribute('role');
    if (role === 'slider' || e.type === 'range') return 'slider';
    if (e.classList.contains('widget-readout')) return 'readout';
    if (e.tagName === 'SELECT' || role === 'combobox') return 'select';
    if (e.type === 'checkbox' || role === 'checkbox' || role === 'switch') return 'checkbox';
    if (e.type === 'radio' || role === 'radio') return 'radio';
    if (e.type === 'file' || e.classList.contains('widget-upload')) return 'upload';
    if (e.closest('.widget-play') || e.classList.contains('livekit-play')) return 'play';
    if (e.closest('.widget-toggle-buttons') || e.classList.contains('widget-toggle-button')) {
      return 'toggle';
    }
    if (e.tagName === 'BUTTON' || role === 'button') return 'button';
    if (e.type === 'number') return 'number';
    if (e.tagName === 'A') return 'link';
    return 'text';
  };
  const nameOf = e => {
    const own = e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].innerText)
      || (e.tagName === 'BUTTON' && e.innerText);
    const box = e.closest('.widget-inline-hbox');
    const label = own || (box && box.querySelector('.widget-label')?.innerText)
      || e.innerText || e.getAttribute('title') || e.value
      || (e.querySelector('i.fa') ? `icon ${e.querySelector('i.fa').className}` : '');
    return String(label).trim().slice(0, 60);
  };
  // a file row (a box with a Save or Load button): its name box and tick box set what those
  // buttons do, not what the view shows
  const fileRow = e => {
    const row = e.closest('.widget-hbox');
    return !!row && e.tagName !== 'BUTTON'
      && [...row.querySelectorAll('button')].some(b => /^\s*(save|load)\b/i.test(b.innerText));
  };
  view.querySelectorAll('[data-kit-key]').forEach(e => e.removeAttribute('data-kit-key'));
  if (view.contains(document.activeElement)) document.activeElement.blur();
  window.__kitRest = {};
  const found = [...view.querySelectorAll(interactive)]
    .filter(e => !e.disabled && shown(e) && !(e.type === 'file' && e.closest('.widget-upload')));
  return found.map((e, i) => {
    e.setAttribute('data-kit-key', String(i));
    window.__kitRest[i] = look(e);
    const kind = kindOf(e);
    const out = {
      index: i, kind, name: nameOf(e),
      // a contenteditable box is reached by Tab although its tabIndex reads -1
      tabbable: e.tabIndex >= 0 || (e.isContentEditable && !e.hasAttribute('tabindex')),
      own: !e.closest('.livekit-save') && !e.closest('.livekit-predict') && !fileRow(e),
      group: e.type === 'radio' ? e.name : null, value: value(e),
      // the label of the group of toggle buttons it belongs to ('' if none)
      grouped: (e.closest('.widget-toggle-buttons')
        ? e.closest('.widget-toggle-buttons').querySelector('.widget-label')?.innerText || 'group'
        : ''),
    };
    const track = e.closest('.noUi-target');
    if (kind === 'slider' && track && track.noUiSlider) {
      const range = track.noUiSlider.options.range;
      [out.min, out.max, out.now] = [range.min, range.max, Number(track.noUiSlider.get())];
    } else if (kind === 'slider') {
      const num = (attr, prop) => Number(e.getAttribute(attr) ?? e[prop]);
      [out.min, out.max] = [num('aria-valuemin', 'min'), num('aria-valuemax', 'max')];
      out.now = num('aria-valuenow', 'value');
    }
    return out;
  });
}
