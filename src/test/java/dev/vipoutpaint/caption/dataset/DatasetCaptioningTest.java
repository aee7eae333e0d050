package dev.vipoutpaint.caption.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vipoutpaint.caption.Caption;
import dev.vipoutpaint.caption.CaptionMode;
import dev.vipoutpaint.caption.CaptionRequest;
import dev.vipoutpaint.caption.Captioner;
import dev.vipoutpaint.caption.heuristic.HeuristicCaptioner;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCaptioningTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path dataset;
    private Path output;

    /** Records every request and delegates to the heuristic captioner. */
    private final List<CaptionRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Captioner recording = request -> {
        requests.add(request);
        return new HeuristicCaptioner().caption(request);
    };

    @BeforeEach
    void copyPhotos() throws IOException {
        dataset = Files.createDirectories(temp.resolve("crops"));
        Files.createDirectories(dataset.resolve("b"));
        copyPhoto("sky-over-water.jpg", dataset.resolve("sky-over-water.jpg"));
        copyPhoto("storm.jpg", dataset.resolve("b/storm.JPG"));
        copyPhoto("green-meadow.jpg", dataset.resolve("a-meadow.jpg"));
        Files.writeString(dataset.resolve("notes.txt"), "not an image");
        output = temp.resolve("prompts.jsonl");
    }

    private static void copyPhoto(String name, Path target) throws IOException {
        try (InputStream in = DatasetCaptioningTest.class.getResourceAsStream("/photos/" + name)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private List<JsonNode> outputLines() throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void writesOneLinePerImageInPathOrder() throws IOException {
        DatasetSummary summary = new DatasetCaptioning(recording, CaptionMode.DESCRIBE, CenterBoxes.DEFAULT_SIDE_FRACTION)
                .run(dataset, output, CaptionProgress.NONE);

        assertThat(summary.found()).isEqualTo(3);
        assertThat(summary.captioned()).isEqualTo(3);
        assertThat(summary.failures()).isEmpty();
        List<JsonNode> lines = outputLines();
        assertThat(lines).extracting(node -> node.get("image").asText())
                .containsExactly("a-meadow.jpg", "b/storm.JPG", "sky-over-water.jpg");
        JsonNode water = lines.get(2);
        assertThat(water.get("surrounding").asText()).contains("sky above").contains("water below");
        assertThat(water.get("center").asText()).isNotBlank();
        assertThat(water.size()).as("fields per line").isEqualTo(3);
    }

    @Test
    void describeModeUsesCenteredTwoThirdsBox() {
        new DatasetCaptioning(recording, CaptionMode.DESCRIBE, CenterBoxes.DEFAULT_SIDE_FRACTION)
                .run(dataset, output, CaptionProgress.NONE);

        CaptionRequest water = requests.get(2);
        assertThat(water.mode()).isEqualTo(CaptionMode.DESCRIBE);
        // 320x220 image: 2/3 of each side is 213x147, centered.
        assertThat(water.centerBox()).isEqualTo(new Rectangle(53, 36, 213, 147));
    }

    @Test
    void centerFractionOptionChangesTheBox() {
        new DatasetCaptioning(recording, CaptionMode.DESCRIBE, 0.5).run(dataset, output, CaptionProgress.NONE);

        assertThat(requests.get(2).centerBox()).isEqualTo(new Rectangle(80, 55, 160, 110));
    }

    @Test
    void extrapolateModeSendsNoBox() {
        new DatasetCaptioning(recording, CaptionMode.EXTRAPOLATE, CenterBoxes.DEFAULT_SIDE_FRACTION)
                .run(dataset, output, CaptionProgress.NONE);

        assertThat(requests).allSatisfy(request -> assertThat(request.centerBox()).isNull());
    }

    @Test
    void secondRunSkipsCaptionedImages() throws IOException {
        DatasetCaptioning run = new DatasetCaptioning(recording, CaptionMode.DESCRIBE, CenterBoxes.DEFAULT_SIDE_FRACTION);
        run.run(dataset, output, CaptionProgress.NONE);
        String firstOutput = Files.readString(output);
        requests.clear();

        copyPhoto("dune.jpg", dataset.resolve("dune.jpg"));
        DatasetSummary second = run.run(dataset, output, CaptionProgress.NONE);

        assertThat(second.skipped()).isEqualTo(3);
        assertThat(second.captioned()).isEqualTo(1);
        assertThat(requests).as("captioner calls in the second run").hasSize(1);
        assertThat(Files.readString(output)).startsWith(firstOutput);
        assertThat(outputLines()).hasSize(4);
        assertThat(outputLines().get(3).get("image").asText()).isEqualTo("dune.jpg");
    }

    @Test
    void unfinishedLastLineIsDroppedAndRedone() throws IOException {
        DatasetCaptioning run = new DatasetCaptioning(recording, CaptionMode.DESCRIBE, CenterBoxes.DEFAULT_SIDE_FRACTION);
        run.run(dataset, output, CaptionProgress.NONE);
        List<String> complete = Files.readAllLines(output);
        // Simulate a run killed while writing the third line.
        Files.writeString(output, complete.get(0) + "\n" + complete.get(1) + "\n" + complete.get(2).substring(0, 25));

        DatasetSummary resumed = run.run(dataset, output, CaptionProgress.NONE);

        assertThat(resumed.captioned()).isEqualTo(1);
        assertThat(Files.readAllLines(output)).containsExactlyElementsOf(complete);
    }

    @Test
    void unreadableImageIsReportedAndOthersContinue() throws IOException {
        Files.writeString(dataset.resolve("broken.png"), "not a png");

        DatasetSummary summary = new DatasetCaptioning(recording, CaptionMode.DESCRIBE, CenterBoxes.DEFAULT_SIDE_FRACTION)
                .run(dataset, output, CaptionProgress.NONE);

        assertThat(summary.captioned()).isEqualTo(3);
        assertThat(summary.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.image()).isEqualTo("broken.png");
            assertThat(failure.reason()).contains("broken.png");
        });
        assertThat(outputLines()).extracting(node -> node.get("image").asText()).doesNotContain("broken.png");
    }

    @Test
    void outputThatIsNotCaptionsIsRejected() throws IOException {
        Files.writeString(output, "{\"id\": 1}\n", StandardOpenOption.CREATE);

        DatasetCaptioning run = new DatasetCaptioning(recording, CaptionMode.DESCRIBE, CenterBoxes.DEFAULT_SIDE_FRACTION);

        assertThatThrownBy(() -> run.run(dataset, output, CaptionProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("--out");
        assertThat(requests).isEmpty();
    }

    @Test
    void missingDatasetFolderIsRejected() {
        DatasetCaptioning run = new DatasetCaptioning(recording, CaptionMode.DESCRIBE, CenterBoxes.DEFAULT_SIDE_FRACTION);

        assertThatThrownBy(() -> run.run(temp.resolve("nope"), output, CaptionProgress.NONE))
                .hasMessageContaining("nope");
    }

    @Test
    void fractionOutsideOpenUnitIntervalIsRejected() {
        assertThatThrownBy(() -> new DatasetCaptioning(recording, CaptionMode.DESCRIBE, 1.0))
                .hasMessageContaining("between 0 and 1")
                .hasMessageContaining("1.0");
    }

    @Test
    void captionerCallFailureSkipsOnlyThatImage() throws IOException {
        Captioner failingOnStorm = request -> {
            if (request.image().getWidth() == 320 && request.image().getHeight() == 213) {
                throw new dev.vipoutpaint.caption.CaptionException("CAPTIONER_UNAVAILABLE", "server down", true, null);
            }
            return new Caption("c", "s", dev.vipoutpaint.caption.PromptSource.HEURISTIC);
        };

        DatasetSummary summary = new DatasetCaptioning(failingOnStorm, CaptionMode.DESCRIBE, 0.5)
                .run(dataset, output, CaptionProgress.NONE);

        assertThat(summary.failures()).extracting(DatasetSummary.Failure::image).containsExactly("b/storm.JPG");
        assertThat(outputLines()).hasSize(2);
    }
}
