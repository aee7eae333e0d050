package dev.vipoutpaint.caption;

/** Merge rule between a user's text and the automatic caption, for one prompt part. */
public enum PromptMerge {
    /** The user's text is the whole part; the automatic text is dropped. */
    REPLACE,
    /** The user's text is appended to the automatic text. */
    EXTEND
}
