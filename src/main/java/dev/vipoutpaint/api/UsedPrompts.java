package dev.vipoutpaint.api;

/**
 * The prompts a job uses and where each part came from ({@code mllm}, {@code heuristic},
 * {@code user}).
 *
 * @param total {@code "Center: <center>; Surrounding: <surrounding>"}
 * @param negative negative text, empty when none
 */
public record UsedPrompts(
        String center,
        String surrounding,
        String total,
        String negative,
        String centerSource,
        String surroundingSource) {
}
