package dev.vipoutpaint.caption;

/**
 * The number of text tokens a prompt may use, and a way to count them.
 *
 * <p>The runtime can implement this with the bundle's own tokenizer; {@link WordCountBudget} is an
 * estimate that needs no tokenizer.
 */
public interface TokenBudget {

    /** Tokens available to one prompt's content, not counting start and end tokens. */
    int maxTokens();

    /** Tokens that {@code text} takes, not counting start and end tokens. */
    int countTokens(String text);
}
