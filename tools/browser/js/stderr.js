// What every code cell of the open notebook wrote on stderr, one string per output, each
// prefixed "cell N: " (N counts code cells from 1).
() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const out = [];
  let n = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    n += 1;
    for (const o of cell.outputs.toJSON()) {
      if (o.output_type === 'stream' && o.name === 'stderr') {
        out.push(`cell ${n}: ` + [].concat(o.text).join(''));
      }
    }
  }
  return out;
}
