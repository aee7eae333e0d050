package dev.vipoutpaint.caption;

/** How a user's text for one prompt part combines with the automatic caption. */
public enum PromptMerge {
    /** The user's text is the whole part; the automatic text is dropped. */
    REPLACE,
    /** The user's text is appended to the automatic text. */
    EXTEND
}
