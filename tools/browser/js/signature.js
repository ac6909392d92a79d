// What a view shows: its pictures (an Image widget's src changes with every new PNG) and the
// text of its HTML widgets (readout, error line); not the sliders' own value labels.
(view) => {
  const imgs = [...view.querySelectorAll('img')].map(i => i.src).join('|');
  const html = [...view.querySelectorAll('.widget-html, .widget-htmlmath')]
    .filter(h => !h.closest('.widget-slider')).map(h => h.innerText).join('|');
  return imgs + '#' + html;
}
