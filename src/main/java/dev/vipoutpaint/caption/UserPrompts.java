package dev.vipoutpaint.caption;

import java.util.List;
import java.util.Objects;

/**
 * The prompt input of a request, before it is combined with the automatic caption.
 *
 * @param center the user's center text; null or blank for none
 * @param centerMerge whether {@code center} replaces or extends the automatic center prompt
 * @param surrounding the user's surrounding text; null or blank for none
 * @param surroundingMerge whether {@code surrounding} replaces or extends the automatic one
 * @param keywords words appended to the surrounding prompt, in order; blanks and repeats are dropped
 * @param negative the negative text, passed through unchanged apart from trimming; null for none
 */
public record UserPrompts(
        String center,
        PromptMerge centerMerge,
        String surrounding,
        PromptMerge surroundingMerge,
        List<String> keywords,
        String negative) {

    public UserPrompts {
        Objects.requireNonNull(centerMerge, "centerMerge");
        Objects.requireNonNull(surroundingMerge, "surroundingMerge");
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    /** No user input: the automatic caption is used as is. */
    public static UserPrompts none() {
        return new UserPrompts(null, PromptMerge.EXTEND, null, PromptMerge.EXTEND, List.of(), null);
    }

    /** True when both parts are replaced by user text, so no automatic caption is needed. */
    public boolean replacesBoth() {
        return centerMerge == PromptMerge.REPLACE && !isBlank(center)
                && surroundingMerge == PromptMerge.REPLACE && !isBlank(surrounding);
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
