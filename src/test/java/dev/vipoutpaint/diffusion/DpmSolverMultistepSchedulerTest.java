package dev.vipoutpaint.diffusion;

import static dev.vipoutpaint.diffusion.DdimSchedulerTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expected values come from scheduler_reference.py (test resources), a float64 numpy rewrite of
 * diffusers' DPMSolverMultistepScheduler formulas (dpmsolver++, order 2, midpoint, final sigma 0).
 * The runs use a fake model {@code eps = 0.1 · x + 0.001 · t} so every step depends on the last.
 */
class DpmSolverMultistepSchedulerTest {

    private static final NoiseSchedule SD = NoiseSchedule.stableDiffusion();
    private static NDManager manager;

    @BeforeAll
    static void openManager() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    private static DpmSolverMultistepScheduler dpm(int steps, TimestepSpacing spacing) {
        return new DpmSolverMultistepScheduler(
                SD, new SchedulerSettings(steps, spacing, 1, 0, PredictionType.EPSILON), manager);
    }

    @Test
    void timestepsLeadingSpacing() {
        assertThat(dpm(10, TimestepSpacing.LEADING).timesteps())
                .containsExactly(901, 811, 721, 631, 541, 451, 361, 271, 181, 91);
        assertThat(dpm(7, TimestepSpacing.LEADING).timesteps())
                .containsExactly(876, 751, 626, 501, 376, 251, 126);
    }

    @Test
    void timestepsTrailingSpacing() {
        assertThat(dpm(10, TimestepSpacing.TRAILING).timesteps())
                .containsExactly(999, 899, 799, 699, 599, 499, 399, 299, 199, 99);
        assertThat(dpm(7, TimestepSpacing.TRAILING).timesteps())
                .containsExactly(999, 856, 713, 570, 428, 285, 142);
    }

    @Test
    void timestepsLinspaceSpacing() {
        assertThat(dpm(10, TimestepSpacing.LINSPACE).timesteps())
                .containsExactly(999, 899, 799, 699, 599, 500, 400, 300, 200, 100);
        assertThat(dpm(7, TimestepSpacing.LINSPACE).timesteps())
                .containsExactly(999, 856, 714, 571, 428, 285, 143);
    }

    @Test
    void runMatchesReferenceLeadingSpacing() {
        assertRun(TimestepSpacing.LEADING, new double[][] {
                {0.11477207754040697, -2.6617434201254335, 2.8912875752062472},
                {-0.21746033643423973, -4.489845309052302, 4.054924636183821},
                {-0.47747801714929355, -6.15051177958096, 5.195555745282371},
                {-0.6328920657453266, -7.315900572971974, 6.050116441481318},
                {-0.7574056427123567, -7.882847726558537, 6.368036441133821}});
    }

    @Test
    void runMatchesReferenceTrailingSpacing() {
        assertRun(TimestepSpacing.TRAILING, new double[][] {
                {-0.5147990809947502, -4.476952371565394, 3.447354209575894},
                {-1.7888406474974934, -9.497326178551774, 5.919644883556786},
                {-3.066155456142735, -14.866030810501265, 8.733719898215789},
                {-3.989241235055446, -18.927889057035795, 10.949406586924894},
                {-4.476562414801778, -20.81586620270672, 11.862741373103153}});
    }

    @Test
    void runMatchesReferenceLinspaceSpacing() {
        assertRun(TimestepSpacing.LINSPACE, new double[][] {
                {-0.5147990809947502, -4.476952371565394, 3.447354209575894},
                {-1.7888406474974934, -9.497326178551774, 5.919644883556786},
                {-3.0605191503688327, -14.841322444442826, 8.720284143705157},
                {-3.986429703322793, -18.913632322763544, 10.940772916117957},
                {-4.478286798920937, -20.81912932535716, 11.862555727515284}});
    }

    private static void assertRun(TimestepSpacing spacing, double[][] expectedAfterEachStep) {
        try (NDManager run = manager.newSubManager();
                DpmSolverMultistepScheduler scheduler = new DpmSolverMultistepScheduler(
                        SD, new SchedulerSettings(5, spacing, 1, 0, PredictionType.EPSILON), run)) {
            int[] timesteps = scheduler.timesteps();
            NDArray sample = run.create(new float[] {0.5f, -1.0f, 2.0f});

            for (int i = 0; i < timesteps.length; i++) {
                try (NDManager step = run.newSubManager()) {
                    NDArray current = sample.duplicate();
                    current.attach(step);
                    NDArray modelOutput = current.mul(0.1).add(0.001 * timesteps[i]);
                    NDArray next = scheduler.step(modelOutput, i, current, new NoiseSource(0));
                    next.attach(run);
                    sample.close();
                    sample = next;
                }
                assertClose(sample.toFloatArray(), expectedAfterEachStep[i]);
            }
        }
    }
}
