package dev.vipoutpaint.caption.mllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vipoutpaint.caption.mllm.CaptionReplyParser.Parts;
import org.junit.jupiter.api.Test;

class CaptionReplyParserTest {

    private final CaptionReplyParser parser = new CaptionReplyParser();

    @Test
    void plainJson() {
        Parts parts = parser.parse("{\"center\": \"a red barn\", \"surrounding\": \"wheat fields\"}");

        assertThat(parts.center()).isEqualTo("a red barn");
        assertThat(parts.surrounding()).isEqualTo("wheat fields");
    }

    @Test
    void fenceWithoutLanguage() {
        Parts parts = parser.parse("Here you go:\n```\n{\"center\": \"a red barn\", \"surrounding\": \"wheat fields\"}\n```");

        assertThat(parts.center()).isEqualTo("a red barn");
    }

    @Test
    void unquotedKeysAndComments() {
        Parts parts = parser.parse("{center: \"a red barn\", // the subject\n surrounding: \"wheat fields\"}");

        assertThat(parts.center()).isEqualTo("a red barn");
        assertThat(parts.surrounding()).isEqualTo("wheat fields");
    }

    @Test
    void answerCutByTokenLimit() {
        Parts parts = parser.parse("{\"center\": \"a red barn\", \"surrounding\": \"wheat fields stretching to");

        assertThat(parts.center()).isEqualTo("a red barn");
        assertThat(parts.surrounding()).isEqualTo("wheat fields stretching to");
    }

    @Test
    void keyVariantsAndLists() {
        Parts parts = parser.parse("{\"Centre\": \"a red barn\", \"Surroundings\": [\"wheat fields\", \"blue sky\", \"\"]}");

        assertThat(parts.center()).isEqualTo("a red barn");
        assertThat(parts.surrounding()).isEqualTo("wheat fields, blue sky");
    }

    @Test
    void bracesInsideStrings() {
        Parts parts = parser.parse("{\"center\": \"a sign reading {open}\", \"surrounding\": \"a street\"} trailing {junk");

        assertThat(parts.center()).isEqualTo("a sign reading {open}");
        assertThat(parts.surrounding()).isEqualTo("a street");
    }

    @Test
    void labelledLinesWithoutJson() {
        Parts parts = parser.parse("**Center:** a red barn with a white door\n**Surrounding:** golden wheat fields");

        assertThat(parts.center()).isEqualTo("a red barn with a white door");
        assertThat(parts.surrounding()).isEqualTo("golden wheat fields");
    }

    @Test
    void whitespaceAndQuotesAreCleaned() {
        Parts parts = parser.parse("{\"center\": \"  a red\\n barn  \", \"surrounding\": \"'wheat fields'\"}");

        assertThat(parts.center()).isEqualTo("a red barn");
        assertThat(parts.surrounding()).isEqualTo("wheat fields");
    }

    @Test
    void overlongPartCutAtWord() {
        String cleaned = CaptionReplyParser.clean("wheat, ".repeat(200));

        assertThat(cleaned.length()).isLessThanOrEqualTo(CaptionReplyParser.MAX_PART_CHARS);
        assertThat(cleaned).endsWith("wheat");
    }

    @Test
    void emptyReplyIsRejected() {
        assertThatThrownBy(() -> parser.parse("  "))
                .isInstanceOf(CaptionReplyParser.UnusableReplyException.class)
                .hasMessageContaining("empty reply");
    }

    @Test
    void objectWithoutPromptKeysIsRejected() {
        assertThatThrownBy(() -> parser.parse("{\"caption\": 42, \"center\": null}"))
                .isInstanceOf(CaptionReplyParser.UnusableReplyException.class)
                .hasMessageContaining("\"caption\": 42");
    }

    @Test
    void brokenJsonWithoutLabelsIsRejected() {
        assertThatThrownBy(() -> parser.parse("{{{ not json at all ]]"))
                .isInstanceOf(CaptionReplyParser.UnusableReplyException.class);
    }
}
