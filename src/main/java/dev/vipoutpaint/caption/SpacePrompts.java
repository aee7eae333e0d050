package dev.vipoutpaint.caption;

/**
 * The prompts a generation actually uses, after user input is applied.
 *
 * @param center the center prompt
 * @param surrounding the surrounding prompt
 * @param total {@code "Center: <center>; Surrounding: <surrounding>"}
 * @param negative the negative text, empty when none
 * @param centerSource where the center prompt came from
 * @param surroundingSource where the surrounding prompt came from
 */
public record SpacePrompts(
        String center,
        String surrounding,
        String total,
        String negative,
        PromptSource centerSource,
        PromptSource surroundingSource) {

    /** Builds the total prompt in the fixed format the model was trained with. */
    public static String totalOf(String center, String surrounding) {
        return "Center: " + center + "; Surrounding: " + surrounding;
    }
}
