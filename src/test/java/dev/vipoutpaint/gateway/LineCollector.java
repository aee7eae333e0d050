package dev.vipoutpaint.gateway;

import java.util.List;
import java.util.concurrent.Flow;

/** Collects the lines of a streamed HTTP body, for server-sent event tests. */
final class LineCollector implements Flow.Subscriber<String> {

    private final List<String> lines;

    LineCollector(List<String> lines) {
        this.lines = lines;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        lines.add(line);
    }

    @Override
    public void onError(Throwable throwable) {
        lines.add("error:" + throwable);
    }

    @Override
    public void onComplete() {
    }
}
