package dev.vipoutpaint.caption;

/**
 * Shortens prompt text to a token count by dropping whole words from the end.
 *
 * <p>Text that a user typed is worth more than the automatic caption, so a part made of an
 * automatic head and a user tail loses words from the head first and cuts into the tail only
 * when the tail alone is over the limit.
 */
final class PromptTrimmer {

    private final TokenBudget budget;

    PromptTrimmer(TokenBudget budget) {
        this.budget = budget;
    }

    /** Returns {@code head + separator + tail}, shortened to at most {@code maxTokens}. */
    String fit(String head, String separator, String tail, int maxTokens) {
        if (head.isEmpty()) {
            return cut(tail, maxTokens);
        }
        if (tail.isEmpty()) {
            return cut(head, maxTokens);
        }

        String joined = head + separator + tail;
        if (budget.countTokens(joined) <= maxTokens) {
            return joined;
        }
        int tailTokens = budget.countTokens(separator + tail);
        if (tailTokens >= maxTokens) {
            return cut(tail, maxTokens);
        }
        String shortHead = cut(head, maxTokens - tailTokens);
        return shortHead.isEmpty() ? tail : shortHead + separator + tail;
    }

    /** Drops words from the end of {@code text} until it takes at most {@code maxTokens}. */
    String cut(String text, int maxTokens) {
        String result = text.strip();
        while (!result.isEmpty() && budget.countTokens(result) > maxTokens) {
            int lastSpace = result.lastIndexOf(' ');
            result = lastSpace < 0 ? "" : stripTrailingJoiners(result.substring(0, lastSpace));
        }
        return result;
    }

    /** Removes separators and joining words that would dangle at the end of a cut prompt. */
    private static String stripTrailingJoiners(String text) {
        String result = text.strip();
        boolean changed = true;
        while (changed && !result.isEmpty()) {
            changed = false;
            char last = result.charAt(result.length() - 1);
            if (last == ',' || last == ';' || last == ':') {
                result = result.substring(0, result.length() - 1).strip();
                changed = true;
            }
            for (String joiner : new String[] {" and", " of", " the", " a", " with", " in", " at", " on"}) {
                if (result.endsWith(joiner)) {
                    result = result.substring(0, result.length() - joiner.length()).strip();
                    changed = true;
                }
            }
        }
        return result;
    }
}
