package dev.vipoutpaint.api;

import java.util.List;

/**
 * The user's prompt input; every field is optional.
 *
 * @param center text for the center region
 * @param surrounding text for the generated surroundings
 * @param keywords words appended to the surrounding prompt
 * @param negative negative text passed to guidance
 * @param centerMode whether {@code center} replaces or extends the automatic center prompt
 * @param surroundingMode whether {@code surrounding} replaces or extends the automatic one
 */
public record PromptInput(
        String center,
        String surrounding,
        List<String> keywords,
        String negative,
        PromptMode centerMode,
        PromptMode surroundingMode) {

    public static final PromptInput NONE = new PromptInput(null, null, List.of(), null, null, null);
}
