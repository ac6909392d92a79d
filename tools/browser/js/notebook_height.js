// The height of the open notebook's scrolled content (0 if none), scrolled to its top: the
// window is made that tall so a screenshot shows every cell.
() => {
  const o = document.querySelector(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
  if (!o) return 0;
  o.scrollTop = 0;
  return o.scrollHeight + 200;
}
