// Arm the change detector of one view: window.__kitMove records the time of the last key press
// on its marked control (data-kit-control) before the view changed, and the time it changed.
// __SIGNATURE__ is replaced by signature.js when the script is loaded. With `anyText` true,
// any change of the view's visible text counts too (a button may only show or hide a part).
// The kit's sliders (livekit/accessible.py) keep their arrow keys from the notebook's shortcuts
// with a window listener that stops the keydown before it reaches the slider, so the moment a
// native control changes (its input event, run by the key's default action) counts too.
(view, anyText) => {
  const pictures = __SIGNATURE__;
  const sig = anyText ? (v => pictures(v) + '#' + v.innerText) : pictures;
  const state = {before: sig(view), keyAt: null, changedAt: null};
  window.__kitMove = state;
  // the time of the last key press before the view changed (Tab, for a text box)
  const control = view.querySelector('[data-kit-control]');
  const onKey = () => { if (state.changedAt === null) state.keyAt = performance.now(); };
  control.addEventListener('keydown', onKey, {capture: true});
  control.addEventListener('input', onKey, {capture: true});
  const observer = new MutationObserver(() => {
    if (state.changedAt === null && sig(view) !== state.before) {
      state.changedAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(view, {subtree: true, attributes: true, childList: true, characterData: true});
  return state.before;
}
