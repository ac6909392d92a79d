// What a view shows: its pictures (a new PNG is a new src; the kit's figure, img.livekit-figure,
// also says what it shows in its alt text) and the text of its readouts (the kit's
// .livekit-readout, ipywidgets' HTML widgets: readout, error line); not the sliders' own value
// labels, nor the hidden live region that repeats the readout for screen readers.
(view) => {
  const imgs = [...view.querySelectorAll('img')].map(i => i.src + '@' + i.alt).join('|');
  const html = [...view.querySelectorAll('.livekit-readout, .widget-html, .widget-htmlmath')]
    .filter(h => !h.closest('.widget-slider, .livekit-slider')).map(h => h.innerText).join('|');
  return imgs + '#' + html;
}
