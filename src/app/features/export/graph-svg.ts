/*
 * The graph as a standalone SVG: the React Flow element, cloned with the page's own CSS, inside a
 * `foreignObject`. It needs no library and no script, so it works under the page's strict CSP.
 */

function pageCss(): string {
  const parts: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      for (const rule of Array.from(sheet.cssRules)) parts.push(rule.cssText);
    } catch {
      // A stylesheet from another origin cannot be read; the app has none, so nothing is lost.
    }
  }
  return parts.join('\n');
}

export interface GraphPictureOptions {
  /**
   * 'view': what is on screen now. 'whole': every box drawn under the current lens, at zoom 1, whatever part
   * of it is in view; the toolbar, the minimap and the zoom buttons are left out, as is the dotted background.
   */
  extent?: 'view' | 'whole';
  /** Font faces as data: URLs, from embeddedFontCss(): the picture then looks the same on a machine without them. */
  fontCss?: string;
}

/** Room kept around the whole graph, for edges routed round its outer boxes. */
const WHOLE_MARGIN = 40;

/** Where the drawn boxes and edges lie, in the graph's own coordinates (zoom 1). */
function graphBounds(flow: HTMLElement): { x: number; y: number; width: number; height: number } | undefined {
  const viewport = flow.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) return undefined;
  const matrix = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
  // The viewport is the graph's plane moved by (e, f) and scaled by a, from the pane's top-left corner.
  const pane = flow.getBoundingClientRect();
  const origin = { left: pane.left + matrix.e, top: pane.top + matrix.f };
  const zoom = matrix.a || 1;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const element of Array.from(flow.querySelectorAll('.react-flow__node, .react-flow__edge path'))) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    left = Math.min(left, (rect.left - origin.left) / zoom);
    top = Math.min(top, (rect.top - origin.top) / zoom);
    right = Math.max(right, (rect.right - origin.left) / zoom);
    bottom = Math.max(bottom, (rect.bottom - origin.top) / zoom);
  }
  if (left === Infinity) return undefined;
  return { x: left - WHOLE_MARGIN, y: top - WHOLE_MARGIN, width: right - left + 2 * WHOLE_MARGIN, height: bottom - top + 2 * WHOLE_MARGIN };
}

/**
 * The page's @font-face rules with each font file inlined as a data: URL (same-origin files only: the CSP
 * allows nothing else), so that a picture carries its fonts. Empty when the page uses system fonts only.
 */
export async function embeddedFontCss(): Promise<string> {
  const faces: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRule[];
    try {
      rules = Array.from(sheet.cssRules);
    } catch {
      continue;
    }
    for (const rule of rules) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      let text = rule.cssText;
      for (const match of text.matchAll(/url\((['"]?)([^'")]+)\1\)/g)) {
        const url = new URL(match[2]!, sheet.href ?? document.baseURI);
        if (url.protocol === 'data:' || url.origin !== window.location.origin) continue;
        const response = await fetch(url);
        if (!response.ok) continue;
        const blob = await response.blob();
        const data = await new Promise<string>((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(String(reader.result));
          reader.onerror = () => reject(new Error(`the font ${url.pathname} could not be read`));
          reader.readAsDataURL(blob);
        });
        text = text.replace(match[0], `url("${data}")`);
      }
      faces.push(text);
    }
  }
  return faces.join('\n');
}

/** The current graph view (or the whole graph) as SVG text, or undefined when no graph is on screen. */
export function graphSvg(root: ParentNode = document, options: GraphPictureOptions = {}): string | undefined {
  const flow = root.querySelector<HTMLElement>('.react-flow');
  if (!flow) return undefined;
  const screen = flow.getBoundingClientRect();
  if (screen.width === 0 || screen.height === 0) return undefined;
  const whole = options.extent === 'whole' ? graphBounds(flow) : undefined;
  const width = whole ? Math.ceil(whole.width) : screen.width;
  const height = whole ? Math.ceil(whole.height) : screen.height;
  const clone = flow.cloneNode(true) as HTMLElement;
  // Buttons to zoom and pan mean nothing in a picture; the whole graph leaves out the toolbar and the minimap too.
  for (const control of Array.from(clone.querySelectorAll('.react-flow__controls'))) control.remove();
  if (whole) {
    for (const extra of Array.from(clone.querySelectorAll('.react-flow__panel, .react-flow__minimap, .react-flow__background'))) extra.remove();
    const viewport = clone.querySelector<HTMLElement>('.react-flow__viewport');
    if (viewport) viewport.style.transform = `translate(${-whole.x}px, ${-whole.y}px) scale(1)`;
    // At zoom 1 the boxes are drawn in full, with their labels (see ViewClasses in estate-graph.tsx).
    clone.classList.remove('boxes-compact', 'labels-far', 'is-moving');
    clone.style.setProperty('--graph-zoom', '1');
  }
  clone.style.width = `${width}px`;
  clone.style.height = `${height}px`;

  const xhtml = 'http://www.w3.org/1999/xhtml';
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('width', String(Math.ceil(width)));
  svg.setAttribute('height', String(Math.ceil(height)));
  svg.setAttribute('viewBox', `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`);
  const object = document.createElementNS(svgNs, 'foreignObject');
  object.setAttribute('x', '0');
  object.setAttribute('y', '0');
  object.setAttribute('width', '100%');
  object.setAttribute('height', '100%');
  // The root element's classes (the dark theme) decide colours, so the wrapper carries them.
  const wrapper = document.createElementNS(xhtml, 'div') as HTMLDivElement;
  wrapper.setAttribute('class', document.documentElement.className);
  const body = document.createElementNS(xhtml, 'div') as HTMLDivElement;
  body.setAttribute('class', document.body.className);
  const background = getComputedStyle(document.body).backgroundColor;
  body.setAttribute('style', `width:${width}px;height:${height}px;background:${background}`);
  const style = document.createElementNS(xhtml, 'style');
  style.textContent = `${options.fontCss ?? ''}\n${pageCss()}`;
  wrapper.append(style, body);
  body.append(clone);
  object.append(wrapper);
  svg.append(object);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;
}

const MAX_CANVAS_SIDE = 16_000;
const MAX_CANVAS_AREA = 200_000_000;

/** The SVG drawn onto a canvas and encoded as PNG (at twice the size, for sharp text). */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the graph picture could not be drawn'));
  });
  // A data: URL (allowed by the CSP's img-src) keeps the canvas readable in Chromium.
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await loaded;
  // Browsers refuse canvases past about 16k pixels a side or 268M in all: a large graph gets the largest scale that fits.
  const fits = Math.min(
    scale,
    MAX_CANVAS_SIDE / Math.max(1, image.naturalWidth, image.naturalHeight),
    Math.sqrt(MAX_CANVAS_AREA / Math.max(1, image.naturalWidth * image.naturalHeight)),
  );
  scale = fits;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(image.naturalWidth * scale);
  canvas.height = Math.ceil(image.naturalHeight * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw on a canvas');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))),
      'image/png',
    ),
  );
}
