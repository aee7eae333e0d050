package dev.vipoutpaint.caption.stage;

import dev.vipoutpaint.api.PromptInput;
import dev.vipoutpaint.api.PromptMode;
import dev.vipoutpaint.api.UsedPrompts;
import dev.vipoutpaint.caption.Caption;
import dev.vipoutpaint.caption.PromptSource;
import dev.vipoutpaint.caption.SpacePrompts;
import java.util.List;

/**
 * Combines the automatic caption with the user's prompt input.
 *
 * <p>For each part: no user text keeps the caption; {@code replace} uses the user text alone
 * (source {@code user}); {@code extend} puts the user text before the caption, and the part
 * keeps the caption's source. Keywords are appended to the surrounding part.
 */
final class PromptComposer {

    private PromptComposer() {
    }

    /** Returns true when the user replaces both parts, so no caption is needed. */
    static boolean needsCaption(PromptInput input) {
        return !(replaces(input.center(), input.centerMode()) && replaces(input.surrounding(), input.surroundingMode()));
    }

    /**
     * @param caption the automatic caption; may be null only when {@link #needsCaption} is false
     */
    static UsedPrompts compose(PromptInput input, Caption caption) {
        Part center = part(input.center(), input.centerMode(), caption == null ? null : caption.center(), caption);
        Part surrounding = part(input.surrounding(), input.surroundingMode(),
                caption == null ? null : caption.surrounding(), caption);

        String surroundingText = appendKeywords(surrounding.text(), input.keywords());
        String negative = input.negative() == null ? "" : input.negative().trim();
        return new UsedPrompts(
                center.text(),
                surroundingText,
                SpacePrompts.totalOf(center.text(), surroundingText),
                negative,
                center.source().wireName(),
                surrounding.source().wireName());
    }

    private record Part(String text, PromptSource source) {
    }

    private static Part part(String userText, PromptMode mode, String automatic, Caption caption) {
        if (userText == null || userText.isBlank()) {
            return new Part(automatic.trim(), caption.source());
        }
        if (replaces(userText, mode)) {
            return new Part(userText.trim(), PromptSource.USER);
        }
        return new Part(userText.trim() + ", " + automatic.trim(), caption.source());
    }

    private static boolean replaces(String userText, PromptMode mode) {
        return userText != null && !userText.isBlank() && mode == PromptMode.REPLACE;
    }

    private static String appendKeywords(String text, List<String> keywords) {
        if (keywords == null || keywords.isEmpty()) {
            return text;
        }
        return text + ", " + String.join(", ", keywords.stream().map(String::trim).toList());
    }
}
