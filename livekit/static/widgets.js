// The kit's accessible widgets (livekit/accessible.py), one ES module for anywidget.
//
// Each Python class sets the synced trait `_kind`; render() draws that kind:
//   "slider"  a native <input type="range"> with its <label for> and a visible readout
//   "figure"  the figure's PNG in an <img> whose alt text is the figure's description
//   "readout" the view's readout, announced by a polite live region once it settles
//   "play"    a play/pause button (with its name) that steps a value through a range
// Native elements give keyboard, touch and screen-reader support from the browser itself.

// --- readout formats: a subset of d3-format, the language of ipywidgets' readout_format ------
// Kept equal to livekit.accessible.format_value (tests/test_accessible.py compares them).
const SI = ["y", "z", "a", "f", "p", "n", "\u00b5", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y"];
const SPEC = /^(,)?(?:\.(\d+))?([dfgse%])?$/;

function groupThousands(text) {
  const [whole, fraction] = text.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return sign + grouped + (fraction === undefined ? "" : "." + fraction);
}

export function formatValue(value, spec) {
  const match = SPEC.exec(spec || "");
  if (!match || !Number.isFinite(value)) {
    return String(value);
  }
  const type = match[3] || "g";
  const given = match[2] === undefined ? null : Number(match[2]);
  const precision = given === null ? 6 : given;
  let text;
  if (type === "d") {
    text = Math.round(value).toFixed(0);
  } else if (type === "f") {
    text = value.toFixed(precision);
  } else if (type === "%") {
    text = (value * 100).toFixed(precision);
  } else if (type === "e") {
    text = value.toExponential(precision);
  } else if (type === "s") {
    const digits = Math.max(1, precision);
    if (value === 0) {
      text = (0).toPrecision(digits);
    } else {
      const rounded = Number(value.toPrecision(digits));
      const tier = Math.max(-8, Math.min(8, Math.floor(Math.floor(Math.log10(Math.abs(rounded))) / 3)));
      text = (value / 10 ** (tier * 3)).toPrecision(digits) + SI[tier + 8];
    }
  } else {
    text = value.toPrecision(Math.max(1, precision));
  }
  if (text.startsWith("-") && parseFloat(text) === 0) {
    text = text.slice(1); // no "-0.0"
  }
  if (match[1] && !text.includes("e")) {
    text = groupThousands(text);
  }
  return type === "%" ? text + "%" : text;
}

let counter = 0;
function uniqueId(prefix) {
  counter += 1;
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}-${counter}`;
}

function onChange(model, names, callback) {
  for (const name of names) {
    model.on(`change:${name}`, callback);
  }
  return () => {
    for (const name of names) {
      model.off(`change:${name}`, callback);
    }
  };
}

// --- slider -----------------------------------------------------------------------------------
// Keys the slider handles itself: the notebook's command-mode shortcuts (arrows move between
// cells) must not take them while the slider has the focus.
const SLIDER_KEYS = new Set([
  "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown",
]);

function pageJump(input, up) {
  // a tenth of the range (at least one step), the same in every browser
  const step = Number(input.step) || 1;
  const low = Number(input.min);
  const high = Number(input.max);
  const jump = Math.max(step, Math.round((high - low) / 10 / step) * step);
  const target = Math.min(high, Math.max(low, Number(input.value) + (up ? jump : -jump)));
  input.value = String(low + Math.round((target - low) / step) * step);
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

// A drop-down (an ipywidgets Dropdown, a native <select>) inside a view: the notebook's
// shortcuts would take its arrow keys and typed letters, so every key but Tab and Escape (and
// a key with Alt, Ctrl or Meta) stays with it.
function isViewSelect(target) {
  return target?.tagName === "SELECT" && Boolean(target.closest?.(".livekit-view"));
}

// Notebook 7 (and JupyterLab's command mode) take arrow keys for their own shortcuts in the
// capture phase, before they reach the slider, and prevent the slider's default action. One
// listener on the window, which runs before theirs, keeps these keys for a focused slider and
// for a focused drop-down of a view.
function guardSliderKeys() {
  if (window.__livekitSliderKeys) {
    return;
  }
  window.__livekitSliderKeys = true;
  window.addEventListener(
    "keydown",
    (event) => {
      const target = event.target;
      if (isViewSelect(target)) {
        if (!["Tab", "Escape"].includes(event.key) && !event.altKey && !event.ctrlKey &&
            !event.metaKey) {
          event.stopImmediatePropagation(); // the drop-down's own handling still runs
        }
        return;
      }
      if (
        !target?.classList?.contains("livekit-slider-input") ||
        !SLIDER_KEYS.has(event.key) ||
        event.altKey || event.ctrlKey || event.metaKey
      ) {
        return;
      }
      event.stopImmediatePropagation(); // the browser's own handling (the default) still runs
      if (event.key === "PageUp" || event.key === "PageDown") {
        event.preventDefault();
        if (!target.disabled) {
          pageJump(target, event.key === "PageUp");
        }
      }
    },
    true,
  );
}

function renderSlider({ model, el }) {
  guardSliderKeys();
  const id = uniqueId("livekit-slider");
  const root = document.createElement("div");
  root.className = "livekit-slider";
  const label = document.createElement("label");
  label.className = "livekit-slider-label";
  label.htmlFor = id;
  const input = document.createElement("input");
  input.type = "range";
  input.id = id;
  input.className = "livekit-slider-input";
  const output = document.createElement("output");
  output.className = "livekit-slider-readout";
  output.setAttribute("for", id);
  output.setAttribute("aria-hidden", "true"); // the input's aria-valuetext says it already
  root.append(label, input, output);
  el.append(root);

  const isLog = () => model.get("_scale") === "log";
  const base = () => model.get("base") || 10;
  const toPosition = (v) => (isLog() ? Math.log(v) / Math.log(base()) : v);
  const fromPosition = (p) => (isLog() ? base() ** p : p);

  function showValue(value) {
    const text = formatValue(value, model.get("readout_format"));
    output.textContent = text;
    output.hidden = !model.get("readout");
    input.setAttribute("aria-valuetext", text);
  }

  function draw() {
    label.textContent = model.get("description");
    input.min = String(model.get("min"));
    input.max = String(model.get("max"));
    input.step = String(model.get("step"));
    input.value = String(toPosition(model.get("value")));
    input.disabled = Boolean(model.get("disabled"));
    root.style.setProperty("--livekit-label-width", model.get("description_width") || "auto");
    root.title = model.get("tooltip") || "";
    showValue(model.get("value"));
  }

  function send() {
    const value = fromPosition(Number(input.value));
    if (value !== model.get("value")) {
      model.set("value", value);
      model.save_changes();
    }
  }

  input.addEventListener("input", () => {
    showValue(fromPosition(Number(input.value)));
    if (model.get("continuous_update")) {
      send();
    }
  });
  input.addEventListener("change", send);
  draw();
  return onChange(
    model,
    ["value", "min", "max", "step", "description", "disabled", "readout", "readout_format",
      "description_width", "tooltip"],
    draw,
  );
}

// --- figure -----------------------------------------------------------------------------------
function renderFigure({ model, el }) {
  const img = document.createElement("img");
  img.className = "livekit-figure";
  el.append(img);
  let url = null;

  function showPicture() {
    const data = model.get("value");
    const size = data ? (data.byteLength ?? data.length ?? 0) : 0;
    if (!size) {
      img.removeAttribute("src");
      return;
    }
    const next = URL.createObjectURL(new Blob([data], { type: `image/${model.get("format")}` }));
    img.src = next;
    if (url) {
      URL.revokeObjectURL(url);
    }
    url = next;
  }
  function showAlt() {
    img.alt = model.get("alt");
  }

  showAlt();
  showPicture();
  const offAlt = onChange(model, ["alt"], showAlt);
  const offValue = onChange(model, ["value", "format"], showPicture);
  return () => {
    offAlt();
    offValue();
    if (url) {
      URL.revokeObjectURL(url);
    }
  };
}

// --- readout ----------------------------------------------------------------------------------
// The readout's text on one line, its line breaks said as the end of a sentence (as
// livekit.accessible.html_to_text does in Python).
function spoken(node) {
  const copy = node.cloneNode(true);
  copy.querySelectorAll("br").forEach((br) => br.replaceWith(". "));
  copy.querySelectorAll("p, div, li, tr, h1, h2, h3, h4, h5, h6").forEach((b) => b.append(". "));
  return copy.textContent
    .replace(/\s+/g, " ")
    .replace(/([.!?:])\s*\.\s/g, "$1 ")
    .trim()
    .replace(/^[\s.]+|[\s.]+$/g, "");
}

function renderReadout({ model, el }) {
  const shown = document.createElement("div");
  shown.className = "livekit-readout";
  // The live region is separate and filled only once the value has settled (no change for
  // `settle_ms`), so a screen reader announces where a drag ended, not every step of it.
  const live = document.createElement("div");
  live.className = "livekit-visually-hidden";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  live.setAttribute("aria-atomic", "true");
  el.append(shown, live);
  let settle = null;
  let clear = null;

  function draw(announce) {
    shown.innerHTML = model.get("value");
    window.clearTimeout(settle);
    if (!announce) {
      return;
    }
    settle = window.setTimeout(() => {
      live.textContent = spoken(shown);
      // emptied again later, so that reading the page does not meet the text twice
      window.clearTimeout(clear);
      clear = window.setTimeout(() => {
        live.textContent = "";
      }, 8000);
    }, model.get("settle_ms"));
  }

  draw(false);
  const off = onChange(model, ["value"], () => draw(true));
  return () => {
    off();
    window.clearTimeout(settle);
    window.clearTimeout(clear);
  };
}

// --- play button ------------------------------------------------------------------------------
function renderPlay({ model, el }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "livekit-play";
  el.append(button);
  let timer = null;

  function draw() {
    const playing = timer !== null;
    const name = model.get("description");
    button.textContent = playing ? `\u23f8 Pause (${name})` : `\u25b6 ${name}`;
    button.setAttribute("aria-pressed", playing ? "true" : "false");
    button.disabled = Boolean(model.get("disabled"));
    button.title = model.get("tooltip") || "";
  }
  function stop() {
    window.clearInterval(timer);
    timer = null;
    draw();
  }
  function tick() {
    const next = model.get("value") + model.get("step");
    if (next > model.get("max")) {
      stop();
      return;
    }
    model.set("value", next);
    model.save_changes();
  }
  button.addEventListener("click", () => {
    if (timer !== null) {
      stop();
      return;
    }
    if (model.get("value") >= model.get("max")) {
      model.set("value", model.get("min"));
      model.save_changes();
    }
    timer = window.setInterval(tick, model.get("interval"));
    draw();
  });

  draw();
  const off = onChange(model, ["description", "disabled", "tooltip"], draw);
  return () => {
    off();
    window.clearInterval(timer);
  };
}

const RENDERERS = {
  slider: renderSlider,
  figure: renderFigure,
  readout: renderReadout,
  play: renderPlay,
};

function render(context) {
  const kind = context.model.get("_kind");
  const draw = RENDERERS[kind];
  if (!draw) {
    context.el.textContent = `livekit: unknown widget kind ${kind}`;
    return undefined;
  }
  context.el.classList.add("livekit-accessible");
  guardSliderKeys(); // every view holds one of the kit's widgets: its drop-downs are kept too
  return draw(context);
}

export default { render };
