// Whether the open notebook's kernel is ready (window.jupyterapp: JupyterLab, JupyterLite,
// Notebook 7).
() => {
  const a = window.jupyterapp;
  const w = a && a.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle';
}
