// How many widget outputs a Voila page was sent: Voila sends each output as a script tag
// before drawing it.
() => [...document.querySelectorAll('script[type="application/vnd.voila.cell-output+json"]')]
  .filter(s => s.textContent.includes('application/vnd.jupyter.widget-view+json')).length
