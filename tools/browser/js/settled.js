// Whether the open notebook's kernel has finished what it was doing (so every update of the
// last key press has reached the page); true where there is no window.jupyterapp (Voila).
() => {
  const a = window.jupyterapp;
  const w = a && a.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !k || k.status === 'idle';
}
