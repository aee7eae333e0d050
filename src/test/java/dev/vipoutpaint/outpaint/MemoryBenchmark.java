package dev.vipoutpaint.outpaint;

import dev.vipoutpaint.diffusion.TestBundle;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.logmanager.LogContext;

/**
 * Runs many generations in one process and prints heap and resident memory after each batch.
 * Neither should grow with the number of jobs, because every tensor is freed per step and per job.
 * It is a benchmark, not a test, run by hand as docs/benchmarks.md describes. It exits with
 * status 1 when memory after warm-up grows by more than the bound.
 *
 * <p>Arguments: generations (default 200), bound in MiB (default 64).
 */
public final class MemoryBenchmark {

    private static final int WARM_UP = 20;

    private MemoryBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int generations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long boundMib = args.length > 1 ? Long.parseLong(args[1]) : 64;

        logToConsole();
        DiffusionOutpainter outpainter = new DiffusionOutpainter(TestBundle.get(), OutpainterLimits.DEFAULTS);
        System.out.printf("# %s, bundle %s, %d generations, 10 steps each, 48x40 input expanded 25%% per side%n",
                Instant.now(), TestBundle.DIRECTORY, generations);
        System.out.println("generation  heap_after_gc_mib  rss_mib  millis_per_generation");

        long warmHeap = 0;
        long warmRss = 0;
        long maxHeap = 0;
        long maxRss = 0;
        long started = System.nanoTime();
        for (int i = 1; i <= generations; i++) {
            String sampler = i % 2 == 0 ? "ddim" : "dpmpp_2m";
            OutpaintTask task = DiffusionOutpainterTest.task(DiffusionOutpainterTest.noise(48, 40, i),
                    CanvasSpec.expandEachSide(0.25), new SamplingSpec(sampler, 10, 4.0, i, 1.0, 1));
            outpainter.outpaint(task, StepListener.NONE);

            if (i == 1 || i % 20 == 0 || i == generations) {
                long heap = heapAfterGcMib();
                long rss = residentMib();
                long millis = (System.nanoTime() - started) / 1_000_000 / i;
                System.out.printf("%10d  %17d  %7d  %21d%n", i, heap, rss, millis);
                if (i == WARM_UP) {
                    warmHeap = heap;
                    warmRss = rss;
                }
                if (i >= WARM_UP) {
                    maxHeap = Math.max(maxHeap, heap);
                    maxRss = Math.max(maxRss, rss);
                }
            }
        }

        long heapGrowth = maxHeap - warmHeap;
        long rssGrowth = maxRss - warmRss;
        System.out.printf("# growth after generation %d: heap %d MiB, rss %d MiB (bound %d MiB)%n",
                WARM_UP, heapGrowth, rssGrowth, boundMib);
        outpainter.close();
        if (generations >= WARM_UP && (heapGrowth > boundMib || rssGrowth > boundMib)) {
            System.exit(1);
        }
    }

    /**
     * Replaces the root handler Quarkus installs before startup with a console handler. That
     * handler buffers every record until the application starts, and a plain main never starts
     * it. Without this, the buffer and the tensors its records reference would grow with every job.
     */
    private static void logToConsole() {
        Logger root = LogContext.getLogContext().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.setLevel(Level.INFO);
        root.addHandler(new ConsoleHandler());
    }

    private static long heapAfterGcMib() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    /** Reads VmRSS from /proc/self/status: heap, metaspace and native (libtorch) memory together. */
    private static long residentMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
            }
        }
        return -1;
    }
}
