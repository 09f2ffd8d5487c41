/*
 * Every tour and step has a link: `?tour=<tour id>&step=<step id>`. Only these two search parameters are
 * touched; `?sample=` belongs to the samples feature and the hash to share links.
 */
const TOUR = 'tour';
const STEP = 'step';

export interface TourLink {
  tourId: string;
  stepId?: string;
}

/** The tour and step a URL names, if any. */
export function tourLinkFromUrl(href: string): TourLink | undefined {
  const params = new URL(href).searchParams;
  const tourId = params.get(TOUR)?.trim();
  if (!tourId) return undefined;
  const stepId = params.get(STEP)?.trim();
  return stepId ? { tourId, stepId } : { tourId };
}

/** `href` with the tour and step set (or removed, for `undefined`), everything else kept. */
export function withTourLink(href: string, link: TourLink | undefined): string {
  const url = new URL(href);
  if (link === undefined) {
    // Deleting re-serialises the whole query even when nothing is removed: leave a URL without a tour as it is.
    if (!url.searchParams.has(TOUR) && !url.searchParams.has(STEP)) return href;
    url.searchParams.delete(TOUR);
    url.searchParams.delete(STEP);
  } else {
    url.searchParams.set(TOUR, link.tourId);
    if (link.stepId !== undefined) url.searchParams.set(STEP, link.stepId);
    else url.searchParams.delete(STEP);
  }
  return url.href;
}

/** A link a mentor can send: this page's address with only the tour's sample, the tour and the step. */
export function shareableTourUrl(href: string, sampleId: string, link: TourLink): string {
  const url = new URL(href);
  url.search = '';
  url.hash = '';
  url.searchParams.set('sample', sampleId);
  return withTourLink(url.href, link);
}
