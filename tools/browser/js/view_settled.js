// After a key press on a view (arm.js armed window.__kitMove): false until the view has changed
// and the kernel has been idle at three polls in a row (every update of that key has reached
// the page; the readout may change before the picture); then the key and change times.
() => {
  const m = window.__kitMove;
  if (!m || m.changedAt === null) return false;
  const a = window.jupyterapp;
  const w = a && a.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  m.idle = !k || k.status === 'idle' ? (m.idle || 0) + 1 : 0;
  return m.idle >= 3 ? {keyAt: m.keyAt, changedAt: m.changedAt} : false;
}
