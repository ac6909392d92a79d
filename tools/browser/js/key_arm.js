// Before one key press on control data-kit-key=`key` of a view: mark it data-kit-control, arm
// the view's change detector (arm.js: window.__kitMove; `anyText`: any visible text counts)
// and return the control's value.
(view, [key, anyText]) => {
  view.querySelectorAll('[data-kit-control]').forEach(e => e.removeAttribute('data-kit-control'));
  const el = view.querySelector(`[data-kit-key="${key}"]`);
  el.setAttribute('data-kit-control', '1');
  (__ARM__)(view, anyText);
  el.focus();
  return (__CONTROL_VALUE__)(el);
}
