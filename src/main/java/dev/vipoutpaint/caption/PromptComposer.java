package dev.vipoutpaint.caption;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Combines the automatic caption with the user's prompt input into the prompts a generation uses.
 *
 * <p>Rules, per part (center, surrounding):
 * <ul>
 *   <li>no user text (null or blank): the automatic text, with the captioner as source;</li>
 *   <li>{@code REPLACE}: the user's text, source {@code user};</li>
 *   <li>{@code EXTEND}: the automatic text, {@code ", "}, the user's text. The source stays the
 *       captioner's, because the automatic text is the base of the part, unless the automatic
 *       text is empty, which makes the source {@code user}.</li>
 * </ul>
 * Keywords are appended to the surrounding prompt after {@code ", "}, without changing its source.
 * The negative text is passed through, stripped. Every prompt, including the total and the
 * negative text, is then cut to the token budget, dropping automatic words before user words.
 * The total prompt is {@code "Center: <center>; Surrounding: <surrounding>"}; when both parts do
 * not fit in one budget together, the total is built from shortened copies of them, so each of
 * the three encoded prompts carries as much of its text as the budget allows.
 */
public final class PromptComposer {

    static final String SEPARATOR = ", ";

    private final TokenBudget budget;
    private final PromptTrimmer trimmer;
    private final int totalOverheadTokens;

    public PromptComposer(TokenBudget budget) {
        this.budget = budget;
        this.trimmer = new PromptTrimmer(budget);
        this.totalOverheadTokens = budget.countTokens(SpacePrompts.totalOf("", ""));
        int minimum = totalOverheadTokens + 2;
        if (budget.maxTokens() < minimum) {
            throw new IllegalArgumentException("token budget must allow at least " + minimum
                    + " tokens so the total prompt can name both parts, got " + budget.maxTokens());
        }
    }

    /**
     * Composes the prompts.
     *
     * @param caption the automatic caption; may be null only when {@code user.replacesBoth()}
     * @param user the user's prompt input
     */
    public SpacePrompts compose(Caption caption, UserPrompts user) {
        if (caption == null && !user.replacesBoth()) {
            throw new IllegalArgumentException(
                    "an automatic caption is required unless the user replaces both the center and the surrounding");
        }

        Part center = part(caption == null ? null : caption.center(), caption, user.center(), user.centerMerge());
        Part surrounding = part(caption == null ? null : caption.surrounding(), caption,
                user.surrounding(), user.surroundingMerge());
        surrounding = surrounding.withTail(joinKeywords(surrounding.tail, user.keywords()));

        int maxTokens = budget.maxTokens();
        String centerText = fit(center, maxTokens);
        String surroundingText = fit(surrounding, maxTokens);
        String total = total(center, surrounding, centerText, surroundingText);
        String negative = trimmer.cut(user.negative() == null ? "" : user.negative(), maxTokens);

        return new SpacePrompts(centerText, surroundingText, total, negative, center.source, surrounding.source);
    }

    /** Builds the total prompt, splitting the room left after its fixed words between both parts. */
    private String total(Part center, Part surrounding, String centerText, String surroundingText) {
        int room = budget.maxTokens() - totalOverheadTokens;
        int centerTokens = budget.countTokens(centerText);
        int surroundingTokens = budget.countTokens(surroundingText);
        if (centerTokens + surroundingTokens <= room) {
            return SpacePrompts.totalOf(centerText, surroundingText);
        }

        // Give each part half the room; a part that needs less leaves the rest to the other.
        int half = room / 2;
        int centerRoom;
        if (centerTokens <= half) {
            centerRoom = centerTokens;
        } else if (surroundingTokens <= room - half) {
            centerRoom = room - surroundingTokens;
        } else {
            centerRoom = half;
        }
        String shortCenter = fit(center, centerRoom);
        String shortSurrounding = fit(surrounding, room - budget.countTokens(shortCenter));
        return SpacePrompts.totalOf(shortCenter, shortSurrounding);
    }

    private String fit(Part part, int maxTokens) {
        return trimmer.fit(part.head, SEPARATOR, part.tail, maxTokens);
    }

    private static Part part(String automatic, Caption caption, String userText, PromptMerge merge) {
        String automaticText = automatic == null ? "" : automatic.strip();
        if (UserPrompts.isBlank(userText)) {
            return new Part(automaticText, "", caption.source());
        }
        // Extending an empty automatic part leaves only the user's words, so the user is the source.
        if (merge == PromptMerge.REPLACE || automaticText.isEmpty()) {
            return new Part("", userText.strip(), PromptSource.USER);
        }
        return new Part(automaticText, userText.strip(), caption.source());
    }

    /** Appends keywords, dropping blanks and case-insensitive repeats. */
    static String joinKeywords(String tail, List<String> keywords) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> keptKeywords = new ArrayList<>();
        for (String keyword : keywords) {
            if (keyword == null || keyword.isBlank()) {
                continue;
            }
            String word = keyword.strip();
            if (seen.add(word.toLowerCase(Locale.ROOT))) {
                keptKeywords.add(word);
            }
        }
        if (keptKeywords.isEmpty()) {
            return tail;
        }
        String joined = String.join(SEPARATOR, keptKeywords);
        return tail.isEmpty() ? joined : tail + SEPARATOR + joined;
    }

    /** A prompt part as an automatic head and a user tail, keptKeywords apart so trimming can favour the tail. */
    private record Part(String head, String tail, PromptSource source) {
        Part withTail(String newTail) {
            return new Part(head, newTail, source);
        }
    }
}
