// Every code cell's text outputs in the open notebook, as JupyterLab holds them after a run:
// the result's text/plain (not for widgets) and what it printed on stdout.
() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const out = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    out.push(cell.outputs.toJSON().map(o => {
      if (o.output_type === 'stream') {
        return o.name === 'stdout' ? 'stdout:' + [].concat(o.text).join('') : null;
      }
      const data = o.data || {};
      if (data['application/vnd.jupyter.widget-view+json']) return null;
      if (o.output_type === 'execute_result' && data['text/plain'] !== undefined) {
        return 'result:' + [].concat(data['text/plain']).join('');
      }
      return null;
    }).filter(x => x !== null));
  }
  return out;
}
