package dev.vipoutpaint.cli;

import dev.vipoutpaint.caption.dataset.CaptionProgress;
import dev.vipoutpaint.caption.dataset.DatasetSummary;
import java.io.PrintStream;

/**
 * A one-line text progress bar redrawn in place with carriage returns, for dataset runs.
 * It redraws at most once per percent so a million-image run does not flood a log file.
 */
final class ProgressBar implements CaptionProgress {

    private static final int BAR_WIDTH_CHARS = 30;

    private final PrintStream out;
    private int todo;
    private int lastPercent = -1;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(int totalImages, int alreadyDone) {
        todo = totalImages - alreadyDone;
        out.printf("%d images found, %d already captioned, %d to do%n", totalImages, alreadyDone, todo);
        draw(0);
    }

    @Override
    public void advanced(int finishedThisRun) {
        draw(finishedThisRun);
    }

    @Override
    public void finished(DatasetSummary summary) {
        out.println();
        out.printf("captioned %d, skipped %d (already done), failed %d%n",
                summary.captioned(), summary.skipped(), summary.failures().size());
        for (DatasetSummary.Failure failure : summary.failures()) {
            out.printf("  failed: %s: %s%n", failure.image(), failure.reason());
        }
    }

    private void draw(int done) {
        int percent = todo == 0 ? 100 : (int) (100L * done / todo);
        if (percent == lastPercent && done != todo) {
            return;
        }
        lastPercent = percent;
        int filled = percent * BAR_WIDTH_CHARS / 100;
        out.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH_CHARS - filled) + "] "
                + String.format("%3d%% %d/%d", percent, done, todo));
        out.flush();
    }
}
