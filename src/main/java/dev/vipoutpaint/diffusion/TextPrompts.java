package dev.vipoutpaint.diffusion;

/**
 * The texts of one generation. The negative text (empty for none) is the unconditional input of
 * classifier-free guidance for all three branches. When it is empty, guidance uses empty prompts
 * as usual.
 */
public record TextPrompts(String center, String surrounding, String total, String negative) {

    public TextPrompts {
        center = center == null ? "" : center;
        surrounding = surrounding == null ? "" : surrounding;
        total = total == null ? "" : total;
        negative = negative == null ? "" : negative;
    }
}
