package dev.vipoutpaint.caption;

/** What the captioner sees and what it is asked for. */
public enum CaptionMode {
    /** Only the known image is given: describe it, imagine what likely surrounds it. */
    EXTRAPOLATE,
    /** A full image and a center box are given: describe the box and the ring around it. */
    DESCRIBE
}
