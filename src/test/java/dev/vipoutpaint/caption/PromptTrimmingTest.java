package dev.vipoutpaint.caption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromptTrimmingTest {

    private static final Caption LONG = new Caption(
            "a tall white lighthouse with a red roof standing on a dark rock",
            "calm blue water stretching to the horizon, a clear sky with a few clouds, distant hills",
            PromptSource.HEURISTIC);

    @Test
    void wordBudgetCountsWordsAndPunctuation() {
        WordCountBudget budget = new WordCountBudget(16);

        assertThat(budget.maxTokens()).as("16 minus start and end tokens").isEqualTo(14);
        assertThat(budget.countTokens("calm blue water")).isEqualTo(3);
        assertThat(budget.countTokens("Center: sky; Surrounding: sea")).isEqualTo(7);
        assertThat(budget.countTokens("")).isZero();
    }

    @Test
    void wordBudgetRejectsTinyLength() {
        assertThatThrownBy(() -> new WordCountBudget(2)).hasMessageContaining("got 2");
    }

    @Test
    void everyPromptFitsSmallBudget() {
        WordCountBudget budget = new WordCountBudget(16);
        PromptComposer composer = new PromptComposer(budget);

        SpacePrompts prompts = composer.compose(LONG, new UserPrompts(null, PromptMerge.EXTEND, null,
                PromptMerge.EXTEND, List.of(), "blurry, low quality, watermark, text, extra limbs, deformed, ugly, noisy"));

        assertThat(budget.countTokens(prompts.center())).as("center tokens").isLessThanOrEqualTo(14);
        assertThat(budget.countTokens(prompts.surrounding())).as("surrounding tokens").isLessThanOrEqualTo(14);
        assertThat(budget.countTokens(prompts.total())).as("total tokens").isLessThanOrEqualTo(14);
        assertThat(budget.countTokens(prompts.negative())).as("negative tokens").isLessThanOrEqualTo(14);
        assertThat(prompts.center()).isEqualTo("a tall white lighthouse with a red roof standing on a dark rock");
        assertThat(prompts.surrounding()).isEqualTo("calm blue water stretching to the horizon, a clear sky with a few");
        assertThat(prompts.total()).startsWith("Center: a tall white").contains("; Surrounding: calm blue");
    }

    @Test
    void trimmingDropsAutomaticWordsBeforeUserWords() {
        WordCountBudget budget = new WordCountBudget(12);
        PromptComposer composer = new PromptComposer(budget);

        SpacePrompts prompts = composer.compose(LONG, new UserPrompts(null, PromptMerge.EXTEND,
                "a stone pier", PromptMerge.EXTEND, List.of("gulls"), null));

        assertThat(prompts.surrounding()).endsWith("a stone pier, gulls");
        assertThat(prompts.surrounding()).startsWith("calm blue water");
        assertThat(budget.countTokens(prompts.surrounding())).isLessThanOrEqualTo(10);
    }

    @Test
    void overlongUserTextIsCutAtWordBoundary() {
        WordCountBudget budget = new WordCountBudget(10);
        PromptComposer composer = new PromptComposer(budget);

        SpacePrompts prompts = composer.compose(LONG, new UserPrompts(
                "one two three four five six seven eight nine ten", PromptMerge.REPLACE, null, PromptMerge.EXTEND,
                List.of(), null));

        assertThat(prompts.center()).isEqualTo("one two three four five six seven eight");
    }

    @Test
    void cutLeavesNoDanglingJoiner() {
        PromptTrimmer trimmer = new PromptTrimmer(new WordCountBudget(77));

        assertThat(trimmer.cut("blue sky at the top and water", 5)).isEqualTo("blue sky at the top");
        assertThat(trimmer.cut("sky and sea and sand", 4)).isEqualTo("sky and sea");
        assertThat(trimmer.cut("a view of the sea", 4)).isEqualTo("a view");
        assertThat(trimmer.cut("sky, sea, sand", 3)).isEqualTo("sky, sea");
        assertThat(trimmer.cut("sky, sea, sand", 2)).isEqualTo("sky");
    }

    @Test
    void budgetTooSmallForTotalIsRejected() {
        assertThatThrownBy(() -> new PromptComposer(new WordCountBudget(8)))
                .hasMessageContaining("at least 7")
                .hasMessageContaining("got 6");
    }
}
