// The value a control holds now, as text: an ipywidgets slider's exact value (its
// aria-valuenow is rounded to the readout's digits), a native range's value, a tick box's
// state, a button's pressed state, a text box's text.
(el) => {
  const track = el.closest('.noUi-target');
  if (track && track.noUiSlider) return String(track.noUiSlider.get());
  if (el.getAttribute('role') === 'slider') {
    return el.getAttribute('aria-valuenow') ?? el.getAttribute('aria-valuetext') ?? '';
  }
  if (el.type === 'checkbox' || el.type === 'radio') return String(el.checked);
  if (el.tagName === 'BUTTON' || el.getAttribute('role') === 'button') {
    return `${el.className}|${el.getAttribute('aria-pressed')}`;
  }
  if ('value' in el && el.tagName !== 'LI') return String(el.value);
  return el.innerText;
}
