// How an element and the box around it look, as one string: outline, box shadow, border,
// background and text colours. Compared focused and unfocused, it tells whether focus shows.
(el) => [el, el && el.parentElement].map(e => {
  if (!e) return '';
  const s = getComputedStyle(e);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor,
    s.borderWidth, s.backgroundColor, s.color].join(' ');
}).join('|')
