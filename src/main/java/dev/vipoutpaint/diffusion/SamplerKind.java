package dev.vipoutpaint.diffusion;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;

/** The samplers a job can request, by their names in requests and {@code model.json}. */
public enum SamplerKind {
    DDIM("ddim"),
    DPMPP_2M("dpmpp_2m");

    private final String id;

    SamplerKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static boolean isKnown(String id) {
        return Arrays.stream(values()).anyMatch(kind -> kind.id.equals(id));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(SamplerKind::id).toList();
    }

    public static SamplerKind parse(String id) {
        for (SamplerKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("sampler must be one of " + names() + ", got '" + id + "'");
    }

    /** Creates the scheduler for one run; the caller closes it. */
    public Scheduler create(NoiseSchedule schedule, SchedulerSettings settings, NDManager runManager) {
        return switch (this) {
            case DDIM -> new DdimScheduler(schedule, settings);
            case DPMPP_2M -> new DpmSolverMultistepScheduler(schedule, settings, runManager);
        };
    }
}
