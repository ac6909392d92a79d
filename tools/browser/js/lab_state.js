// The open notebook in JupyterLab, JupyterLite or Notebook 7 (window.jupyterapp): kernel
// status, code cells not run yet, error outputs, stderr outputs and widget outputs.
() => {
  const app = window.jupyterapp;
  if (!app || !app.shell.currentWidget || !app.shell.currentWidget.content) return null;
  const panel = app.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = panel.content.model.cells;
  const out = {
    status: kernel ? kernel.status : 'none', pending: 0, errors: [], stderr: [], widgets: 0,
  };
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code' || !cell.sharedModel.getSource().trim()) continue;
    if (cell.executionCount === null) out.pending++;
    const outputs = cell.outputs.toJSON();
    for (const o of outputs) {
      if (o.data && o.data['application/vnd.jupyter.widget-view+json']) out.widgets++;
      if (o.output_type === 'error') out.errors.push(`cell ${i + 1}: ${o.ename}: ${o.evalue}`);
      if (o.output_type === 'stream' && o.name === 'stderr') {
        out.stderr.push(`cell ${i + 1}: ${String(o.text).slice(0, 200)}`);
      }
    }
  }
  return out;
}
