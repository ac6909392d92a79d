// After one key press: the control's value now, and the change detector's state.
(view, key) => {
  const el = view.querySelector(`[data-kit-key="${key}"]`);
  return {value: (__CONTROL_VALUE__)(el), ...window.__kitMove};
}
