// Every slider view in the page, marked data-kit-view="i"; returns their titles.
// A livekit View has the CSS class livekit-view; a box holding an image and a slider that is
// not a livekit View still counts as a view.
() => {
  const found = [];
  for (const v of document.querySelectorAll('.livekit-view')) found.push(v);
  for (const img of document.querySelectorAll('.widget-image')) {
    if (img.closest('.livekit-view')) continue;
    let el = img.parentElement;
    while (el && !el.classList.contains('jp-OutputArea-output')) {
      if (el.querySelector('.widget-slider') && !found.includes(el)) { found.push(el); break; }
      el = el.parentElement;
    }
  }
  return found.map((v, i) => {
    v.setAttribute('data-kit-view', String(i));
    const heading = v.querySelector('.widget-html b');
    return heading ? heading.innerText : `view ${i}`;
  });
}
