// The colours of every chart, in dataset order: one list so HTML and PNG charts match.

/** High-contrast colours, readable on a projector and for the common colour-vision deficiencies. */
export const PALETTE = ['#1f4e9c', '#c00000', '#1e8449', '#d35400', '#7d3c98', '#000000'];
