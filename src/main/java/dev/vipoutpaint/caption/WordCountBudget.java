package dev.vipoutpaint.caption;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token budget estimated from words: each run of letters or digits counts as one token and
 * each punctuation mark as one more, the way CLIP-style BPE tokenizers split text.
 *
 * <p>NOTE: this is a lower bound, because BPE splits rare or long words into several tokens.
 * Use a tokenizer-based budget where the exact count matters.
 */
public final class WordCountBudget implements TokenBudget {

    /** Start and end tokens that CLIP-style tokenizers add to every text. */
    static final int SPECIAL_TOKENS = 2;

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}']+|[^\\s\\p{L}\\p{N}]");

    private final int maxTokens;

    /**
     * @param textMaxLength the bundle's text max length ({@code text.max_length} in model.json),
     *     which includes the start and end tokens; at least 3
     */
    public WordCountBudget(int textMaxLength) {
        if (textMaxLength <= SPECIAL_TOKENS) {
            throw new IllegalArgumentException(
                    "text max length must be at least " + (SPECIAL_TOKENS + 1) + " tokens, got " + textMaxLength);
        }
        this.maxTokens = textMaxLength - SPECIAL_TOKENS;
    }

    @Override
    public int maxTokens() {
        return maxTokens;
    }

    @Override
    public int countTokens(String text) {
        Matcher matcher = TOKEN.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
