// Every slider view in the page, marked data-kit-view="i"; returns their titles.
// A livekit View has the CSS class livekit-view; a box holding a picture (the kit's
// img.livekit-figure or an ipywidgets Image) and a slider (the kit's .livekit-slider or an
// ipywidgets one) that is not a livekit View still counts as a view.
() => {
  const found = [];
  for (const v of document.querySelectorAll('.livekit-view')) found.push(v);
  for (const img of document.querySelectorAll('img.livekit-figure, .widget-image')) {
    if (img.closest('.livekit-view')) continue;
    let el = img.parentElement;
    while (el && !el.classList.contains('jp-OutputArea-output')) {
      if (el.querySelector('.livekit-slider, .widget-slider') && !found.includes(el)) {
        found.push(el);
        break;
      }
      el = el.parentElement;
    }
  }
  return found.map((v, i) => {
    v.setAttribute('data-kit-view', String(i));
    const heading = v.querySelector('.widget-html b');
    return heading ? heading.innerText : `view ${i}`;
  });
}
