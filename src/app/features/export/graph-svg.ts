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

/** The current graph view as SVG text, or undefined when no graph is on screen. */
export function graphSvg(root: ParentNode = document): string | undefined {
  const flow = root.querySelector<HTMLElement>('.react-flow');
  if (!flow) return undefined;
  const { width, height } = flow.getBoundingClientRect();
  if (width === 0 || height === 0) return undefined;
  const clone = flow.cloneNode(true) as HTMLElement;
  // Buttons to zoom and pan mean nothing in a picture.
  for (const control of Array.from(clone.querySelectorAll('.react-flow__controls'))) control.remove();
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
  style.textContent = pageCss();
  wrapper.append(style, body);
  body.append(clone);
  object.append(wrapper);
  svg.append(object);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;
}

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
