// SVG attributes cannot read CSS custom properties in every browser, so the chart palette is
// spelled out here: the accent of styles.css for the interviewer and a dark amber for the
// candidate, both well above 3:1 against white. The two series also differ in line style and
// marker shape, so colour is never the only way to tell them apart.
export const INTERVIEWER_COLOUR = '#1f4f7a';
export const SELF_COLOUR = '#8a4b00';
export const INK = '#1a202b';
export const MUTED_INK = '#4a5361';
export const GRID = '#c3cad4';
/** The dash pattern of the self-assessment series, in charts and their legends alike. */
export const SELF_DASH = '6 4';
