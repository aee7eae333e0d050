package dev.vipoutpaint.caption.heuristic;

/**
 * Position of a region in the picture. The same pixels mean different things at the top and at
 * the bottom, so the vocabulary depends on it.
 */
enum Placement {
    TOP,
    MIDDLE,
    BOTTOM,
    LEFT,
    RIGHT
}
