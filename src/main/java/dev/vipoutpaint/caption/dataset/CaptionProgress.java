package dev.vipoutpaint.caption.dataset;

/** Receives progress of a dataset captioning run; called on the thread that runs it. */
public interface CaptionProgress {

    /** Called once before the first image, with the number of images found and already done. */
    void started(int totalImages, int alreadyDone);

    /** Called after each image, captioned or failed, with the count finished so far in this run. */
    void advanced(int finishedThisRun);

    /** Called once after the last image. */
    void finished(DatasetSummary summary);

    /** A listener that ignores everything, for tests and quiet runs. */
    CaptionProgress NONE = new CaptionProgress() {
        @Override
        public void started(int totalImages, int alreadyDone) {
        }

        @Override
        public void advanced(int finishedThisRun) {
        }

        @Override
        public void finished(DatasetSummary summary) {
        }
    };
}
