// The control to operate in a view: a slider if it has one, else its first other control (not
// the "Save figure" row, nor a "predict, then check" item). It is marked with
// data-kit-control; returns its kind.
(view) => {
  const kinds = [
    ['slider', '.widget-slider .noUi-handle, input[type=range]'], ['select', 'select'],
    ['button', '.widget-toggle-buttons button:not(.mod-active), '
      + 'button.widget-toggle-button:not(.widget-toggle-buttons *)'],
    ['checkbox', 'input[type=checkbox]'], ['radio', 'input[type=radio]'],
    ['text', 'textarea, input[type=text], input[type=number]'],
  ];
  const all = kinds.map(([, s]) => s).join(', ');
  const usable = e => !e.closest('.livekit-save') && !e.closest('.livekit-predict') && !e.disabled;
  view.querySelectorAll('[data-kit-control]').forEach(e => e.removeAttribute('data-kit-control'));
  const el = [...view.querySelectorAll(kinds[0][1])].find(usable)
          || [...view.querySelectorAll(all)].find(usable);
  if (!el) return null;
  el.setAttribute('data-kit-control', '1');
  return kinds.find(([, s]) => el.matches(s))[0];
}
