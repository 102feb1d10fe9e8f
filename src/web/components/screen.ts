/** A screen narrower than the layout's 720 px breakpoint (a phone): long filter panels start folded there. */
export function narrowScreen(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 719px)').matches;
}
