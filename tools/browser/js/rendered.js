// Whether a view has drawn: every picture loaded and laid out (the kit's img.livekit-figure, or
// an ipywidgets Image), or, without one, some text.
(view) => {
  const imgs = [...view.querySelectorAll('img.livekit-figure, .widget-image')];
  if (imgs.length === 0) return view.innerText.trim().length > 0;
  return imgs.every(i => i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().width > 0);
}
