package dev.vipoutpaint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vipoutpaint.caption.heuristic.HeuristicCaptioner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CaptionCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = new CommandLine(new CaptionCommand(new HeuristicCaptioner()));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    private Path photo(String name) throws IOException {
        Path file = temp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/photos/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void imagePrintsThreePrompts() throws IOException {
        int exitCode = run(photo("sky-over-water.jpg").toString());

        assertThat(exitCode).isZero();
        String printed = out.toString();
        assertThat(printed).contains("center:      a bright photo of pale hazy sky at the top");
        assertThat(printed).contains("surrounding: more clear blue sky above");
        assertThat(printed).contains("total:       Center: a bright photo");
        assertThat(printed).contains("; Surrounding: more clear blue sky above");
        assertThat(printed).contains("source:      heuristic");
    }

    @Test
    void datasetWritesJsonLines() throws IOException {
        Path dataset = Files.createDirectories(temp.resolve("crops"));
        Files.move(photo("dune.jpg"), dataset.resolve("dune.jpg"));
        Path output = temp.resolve("prompts.jsonl");

        int exitCode = run("--dataset", dataset.toString(), "--out", output.toString(), "--mode", "describe");

        assertThat(exitCode).isZero();
        assertThat(Files.readAllLines(output)).singleElement().asString()
                .startsWith("{\"image\":\"dune.jpg\",\"center\":\"a photo of clear blue sky at the top");
    }

    @Test
    void datasetWithoutOutIsRejected() {
        int exitCode = run("--dataset", temp.toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--dataset needs --out FILE");
    }

    @Test
    void unknownModeIsRejected() throws IOException {
        int exitCode = run("--mode", "imagine", photo("storm.jpg").toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--mode must be extrapolate or describe, got imagine");
    }

    @Test
    void badCenterBoxIsRejected() throws IOException {
        int exitCode = run("--mode", "describe", "--center-box", "1,2,3", photo("storm.jpg").toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--center-box must be four integers X,Y,W,H in pixels, got 1,2,3");
    }

    @Test
    void centerBoxOutsideImageFails() throws IOException {
        int exitCode = run("--mode", "describe", "--center-box", "0,0,999,10", photo("storm.jpg").toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("INVALID_REQUEST").contains("w=999");
    }
}
