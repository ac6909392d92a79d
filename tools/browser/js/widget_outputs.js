// Every widget output in the page: whether it was drawn as a widget, or the error it shows.
// JupyterLab marks widget outputs with their MIME type, Voila does not, but both put the drawn
// widget (class jupyter-widgets) inside the output.
() => {
  const mime = 'application/vnd.jupyter.widget-view+json';
  const drawnAs = '.jupyter-widgets, .widget-box, .widget-inline-hbox, .widget-html, '
    + '.widget-image, .widget-button';
  const outs = [...document.querySelectorAll('.jp-OutputArea-output')].filter(o =>
    o.getAttribute('data-mime-type') === mime || o.querySelector(':scope > .jupyter-widgets')
    || o.innerText.includes('Error displaying widget'));
  return outs.map(o => ({
    drawn: !!o.querySelector(drawnAs),
    // ipywidgets 8 draws a widget whose code cannot load as an error icon
    // ("Click to show javascript error"); older versions print "Error displaying widget"
    error: o.querySelector('.jupyter-widgets-error-widget')
      ? 'ipywidgets error widget: ' + (o.innerText.trim() || 'could not render').slice(0, 200)
      : (o.innerText.includes('Error displaying widget') ? o.innerText.slice(0, 200) : ''),
  }));
}
