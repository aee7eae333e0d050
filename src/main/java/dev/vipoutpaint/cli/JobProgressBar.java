package dev.vipoutpaint.cli;

import dev.vipoutpaint.api.OutpaintProgress;
import java.io.PrintStream;
import java.util.function.Consumer;

/** A one-line progress bar of a job, redrawn in place from its progress events. */
final class JobProgressBar implements Consumer<OutpaintProgress> {

    private static final int BAR_WIDTH_CHARS = 30;

    private final PrintStream out;
    private boolean drawn;

    JobProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(OutpaintProgress progress) {
        int filled = (int) Math.round(progress.percent() * BAR_WIDTH_CHARS / 100.0);
        filled = Math.max(0, Math.min(BAR_WIDTH_CHARS, filled));
        String detail = progress.totalSteps() > 0
                ? String.format("image %d/%d, step %d/%d", progress.imageIndex() + 1, progress.numImages(),
                        progress.step(), progress.totalSteps())
                : "";
        out.print(String.format("\r[%s%s] %5.1f%% %-10s %-28s", "#".repeat(filled), " ".repeat(BAR_WIDTH_CHARS - filled),
                progress.percent(), progress.phase(), detail));
        out.flush();
        drawn = true;
    }

    /** Ends the bar's line, if one was drawn. */
    void finish() {
        if (drawn) {
            out.println();
        }
    }
}
