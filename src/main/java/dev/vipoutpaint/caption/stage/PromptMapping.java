package dev.vipoutpaint.caption.stage;

import dev.vipoutpaint.api.PromptInput;
import dev.vipoutpaint.api.PromptMode;
import dev.vipoutpaint.api.UsedPrompts;
import dev.vipoutpaint.caption.PromptMerge;
import dev.vipoutpaint.caption.SpacePrompts;
import dev.vipoutpaint.caption.UserPrompts;

/** Converts between the event records and the captioning port's prompt types. */
final class PromptMapping {

    private PromptMapping() {
    }

    /** Converts the user input; a missing mode means extend, so user text never silently drops the caption. */
    static UserPrompts toUserPrompts(PromptInput input) {
        if (input == null) {
            return UserPrompts.none();
        }
        return new UserPrompts(input.center(), toMerge(input.centerMode()), input.surrounding(),
                toMerge(input.surroundingMode()), input.keywords(), input.negative());
    }

    static UsedPrompts toUsedPrompts(SpacePrompts prompts) {
        return new UsedPrompts(prompts.center(), prompts.surrounding(), prompts.total(), prompts.negative(),
                prompts.centerSource().wireName(), prompts.surroundingSource().wireName());
    }

    private static PromptMerge toMerge(PromptMode mode) {
        return mode == PromptMode.REPLACE ? PromptMerge.REPLACE : PromptMerge.EXTEND;
    }
}
