package dev.vipoutpaint.caption;

/**
 * The automatic prompts for one image, before user input is applied.
 *
 * @param center what the known (center) region shows
 * @param surrounding what surrounds it, seen or imagined
 * @param source the captioner that wrote both parts
 */
public record Caption(String center, String surrounding, PromptSource source) {
}
