// Whether a view has drawn: every picture loaded and laid out (or, without one, some text).
(view) => {
  const imgs = [...view.querySelectorAll('.widget-image')];
  if (imgs.length === 0) return view.innerText.trim().length > 0;
  return imgs.every(i => i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().width > 0);
}
