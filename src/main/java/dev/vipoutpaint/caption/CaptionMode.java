package dev.vipoutpaint.caption;

/** Captioning mode: which pixels the captioner receives and what it must describe. */
public enum CaptionMode {
    /** Only the known image is given: describe it, imagine what likely surrounds it. */
    EXTRAPOLATE,
    /** A full image and a center box are given: describe the box and the ring around it. */
    DESCRIBE
}
