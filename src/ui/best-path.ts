/**
 * What the debrief says about the path (the better reply at each turn, the best path): the
 * core computes it with the maxima (core/review.ts), so both agree on what "best" means.
 */
export { reviewPath, type PathReview, type TurnReview } from '../core/review.js';
