package dev.vipoutpaint.caption.heuristic;

/** Where a region lies in the picture; the same pixels mean different things at the top and bottom. */
enum Placement {
    TOP,
    MIDDLE,
    BOTTOM,
    LEFT,
    RIGHT
}
