package dev.vipoutpaint.caption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PromptComposerTest {

    private static final Caption AUTO = new Caption("a lighthouse on a rock", "calm blue water, clear sky", PromptSource.MLLM);

    /** Wide enough that nothing is trimmed. */
    private final PromptComposer composer = new PromptComposer(new WordCountBudget(77));

    private static PromptMerge mergeOf(String name) {
        return name.equals("NONE") ? PromptMerge.EXTEND : PromptMerge.valueOf(name);
    }

    private static String textOf(String merge, String text) {
        return merge.equals("NONE") ? null : text;
    }

    @ParameterizedTest(name = "center {0}, surrounding {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NONE    | NONE    | a lighthouse on a rock            | mllm | calm blue water, clear sky                 | mllm
            REPLACE | NONE    | a red barn                        | user | calm blue water, clear sky                 | mllm
            EXTEND  | NONE    | a lighthouse on a rock, a red barn | mllm | calm blue water, clear sky                | mllm
            NONE    | REPLACE | a lighthouse on a rock            | mllm | snowy mountains                            | user
            NONE    | EXTEND  | a lighthouse on a rock            | mllm | calm blue water, clear sky, snowy mountains | mllm
            REPLACE | REPLACE | a red barn                        | user | snowy mountains                            | user
            REPLACE | EXTEND  | a red barn                        | user | calm blue water, clear sky, snowy mountains | mllm
            EXTEND  | REPLACE | a lighthouse on a rock, a red barn | mllm | snowy mountains                           | user
            EXTEND  | EXTEND  | a lighthouse on a rock, a red barn | mllm | calm blue water, clear sky, snowy mountains | mllm
            """)
    void mergeCombination(String centerMerge, String surroundingMerge, String center, String centerSource,
            String surrounding, String surroundingSource) {
        UserPrompts user = new UserPrompts(
                textOf(centerMerge, "a red barn"), mergeOf(centerMerge),
                textOf(surroundingMerge, "snowy mountains"), mergeOf(surroundingMerge),
                List.of(), null);

        SpacePrompts prompts = composer.compose(AUTO, user);

        assertThat(prompts.center()).as("center").isEqualTo(center);
        assertThat(prompts.centerSource().wireName()).as("center source").isEqualTo(centerSource);
        assertThat(prompts.surrounding()).as("surrounding").isEqualTo(surrounding);
        assertThat(prompts.surroundingSource().wireName()).as("surrounding source").isEqualTo(surroundingSource);
        assertThat(prompts.total()).as("total").isEqualTo("Center: " + center + "; Surrounding: " + surrounding);
        assertThat(prompts.negative()).as("negative").isEmpty();
    }

    @Test
    void keywordsAppendToSurrounding() {
        UserPrompts user = new UserPrompts(null, PromptMerge.EXTEND, "stone pier", PromptMerge.EXTEND,
                List.of("sunset", " ", "Gulls", "gulls", "sunset"), null);

        SpacePrompts prompts = composer.compose(AUTO, user);

        assertThat(prompts.surrounding()).isEqualTo("calm blue water, clear sky, stone pier, sunset, Gulls");
        assertThat(prompts.surroundingSource()).isEqualTo(PromptSource.MLLM);
        assertThat(prompts.center()).isEqualTo("a lighthouse on a rock");
    }

    @Test
    void keywordsFollowReplacedSurrounding() {
        UserPrompts user = new UserPrompts(null, PromptMerge.EXTEND, "a harbour", PromptMerge.REPLACE,
                List.of("boats"), null);

        SpacePrompts prompts = composer.compose(AUTO, user);

        assertThat(prompts.surrounding()).isEqualTo("a harbour, boats");
        assertThat(prompts.surroundingSource()).isEqualTo(PromptSource.USER);
    }

    @Test
    void negativeTextPassesThrough() {
        UserPrompts user = new UserPrompts(null, PromptMerge.EXTEND, null, PromptMerge.EXTEND,
                List.of(), "  blurry, watermark, text  ");

        SpacePrompts prompts = composer.compose(AUTO, user);

        assertThat(prompts.negative()).isEqualTo("blurry, watermark, text");
        assertThat(prompts.center()).doesNotContain("blurry");
        assertThat(prompts.surrounding()).doesNotContain("blurry");
    }

    @Test
    void blankUserTextKeepsAutomaticText() {
        UserPrompts user = new UserPrompts("  ", PromptMerge.REPLACE, "", PromptMerge.REPLACE, List.of(), null);

        SpacePrompts prompts = composer.compose(AUTO, user);

        assertThat(prompts.center()).isEqualTo(AUTO.center());
        assertThat(prompts.centerSource()).isEqualTo(PromptSource.MLLM);
        assertThat(prompts.surrounding()).isEqualTo(AUTO.surrounding());
    }

    @Test
    void extendingEmptyPartIsUserSource() {
        Caption centerOnly = new Caption("a lighthouse", "", PromptSource.MLLM);
        UserPrompts user = new UserPrompts(null, PromptMerge.EXTEND, "rough sea", PromptMerge.EXTEND, List.of(), null);

        SpacePrompts prompts = composer.compose(centerOnly, user);

        assertThat(prompts.surrounding()).isEqualTo("rough sea");
        assertThat(prompts.surroundingSource()).isEqualTo(PromptSource.USER);
        assertThat(prompts.centerSource()).isEqualTo(PromptSource.MLLM);
    }

    @Test
    void emptyPartStaysEmpty() {
        Caption centerOnly = new Caption("a lighthouse", "", PromptSource.MLLM);

        SpacePrompts prompts = composer.compose(centerOnly, UserPrompts.none());

        assertThat(prompts.surrounding()).isEmpty();
        assertThat(prompts.total()).isEqualTo("Center: a lighthouse; Surrounding: ");
    }

    @Test
    void heuristicSourceIsRecorded() {
        Caption heuristic = new Caption("a bright photo", "more sky above", PromptSource.HEURISTIC);

        SpacePrompts prompts = composer.compose(heuristic, UserPrompts.none());

        assertThat(prompts.centerSource()).isEqualTo(PromptSource.HEURISTIC);
        assertThat(prompts.surroundingSource()).isEqualTo(PromptSource.HEURISTIC);
    }

    @Test
    void userReplacingBothNeedsNoCaption() {
        UserPrompts user = new UserPrompts("a red barn", PromptMerge.REPLACE, "wheat fields", PromptMerge.REPLACE,
                List.of(), null);

        SpacePrompts prompts = composer.compose(null, user);

        assertThat(user.replacesBoth()).isTrue();
        assertThat(prompts.total()).isEqualTo("Center: a red barn; Surrounding: wheat fields");
    }

    @Test
    void missingCaptionIsRejected() {
        UserPrompts user = new UserPrompts("a red barn", PromptMerge.REPLACE, null, PromptMerge.EXTEND, List.of(), null);

        assertThatThrownBy(() -> composer.compose(null, user))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("automatic caption is required");
    }
}
