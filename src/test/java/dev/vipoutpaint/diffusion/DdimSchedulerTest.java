package dev.vipoutpaint.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expected values come from scheduler_reference.py (test resources), a float64 numpy rewrite of
 * diffusers' DDIMScheduler formulas with Stable Diffusion's schedule.
 */
class DdimSchedulerTest {

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

    private static DdimScheduler ddim(int steps, TimestepSpacing spacing, double eta, PredictionType type) {
        return new DdimScheduler(SD, new SchedulerSettings(steps, spacing, 1, eta, type));
    }

    @Test
    void timestepsLeadingSpacing() {
        assertThat(ddim(10, TimestepSpacing.LEADING, 0, PredictionType.EPSILON).timesteps())
                .containsExactly(901, 801, 701, 601, 501, 401, 301, 201, 101, 1);
        assertThat(ddim(7, TimestepSpacing.LEADING, 0, PredictionType.EPSILON).timesteps())
                .containsExactly(853, 711, 569, 427, 285, 143, 1);
    }

    @Test
    void timestepsTrailingSpacing() {
        assertThat(ddim(10, TimestepSpacing.TRAILING, 0, PredictionType.EPSILON).timesteps())
                .containsExactly(999, 899, 799, 699, 599, 499, 399, 299, 199, 99);
        assertThat(ddim(7, TimestepSpacing.TRAILING, 0, PredictionType.EPSILON).timesteps())
                .containsExactly(999, 856, 713, 570, 428, 285, 142);
    }

    @Test
    void timestepsLinspaceSpacing() {
        assertThat(ddim(10, TimestepSpacing.LINSPACE, 0, PredictionType.EPSILON).timesteps())
                .containsExactly(999, 888, 777, 666, 555, 444, 333, 222, 111, 0);
        assertThat(ddim(7, TimestepSpacing.LINSPACE, 0, PredictionType.EPSILON).timesteps())
                .containsExactly(999, 832, 666, 500, 333, 166, 0);
    }

    @Test
    void stepsOffsetShiftsLeadingTimesteps() {
        DdimScheduler noOffset = new DdimScheduler(
                SD, new SchedulerSettings(10, TimestepSpacing.LEADING, 0, 0, PredictionType.EPSILON));
        assertThat(noOffset.timesteps()).containsExactly(900, 800, 700, 600, 500, 400, 300, 200, 100, 0);
    }

    @Test
    void ddimStepMatchesReferenceEpsilon() {
        DdimScheduler scheduler = ddim(10, TimestepSpacing.LEADING, 0, PredictionType.EPSILON);

        // timesteps()[4] is 501
        float[] next = stepAt(scheduler, 4);

        assertClose(next, 0.5904121817019188, -1.1512050508772598, 2.272790789227942);
    }

    @Test
    void ddimStepMatchesReferenceVPrediction() {
        DdimScheduler scheduler = ddim(10, TimestepSpacing.LEADING, 0, PredictionType.V_PREDICTION);

        float[] next = stepAt(scheduler, 4);

        assertClose(next, 0.47839926167553926, -0.9412660511768032, 1.866999630179331);
    }

    @Test
    void ddimFinalStepUsesAlphaCumprodZero() {
        DdimScheduler scheduler = ddim(10, TimestepSpacing.LEADING, 0, PredictionType.EPSILON);

        // timesteps()[9] is 1, whose previous timestep (-99) falls back to alphā_0
        float[] next = stepAt(scheduler, 9);

        assertClose(next, 0.4989996027156012, -0.9967849964147361, 1.992355783813006);
    }

    @Test
    void ddimEtaAddsScaledNoise() {
        DdimScheduler scheduler = ddim(10, TimestepSpacing.LEADING, 0.5, PredictionType.EPSILON);
        float[] noise = new NoiseSource(7).gaussian(manager, new Shape(3)).toFloatArray();

        float[] next;
        try (NDManager step = manager.newSubManager()) {
            NDArray sample = step.create(new float[] {0.5f, -1.0f, 2.0f});
            NDArray output = step.create(new float[] {0.1f, -0.3f, 0.7f});
            next = scheduler.step(output, 4, sample, new NoiseSource(7)).toFloatArray();
        }

        double std = 0.26380449077543855;
        assertClose(next,
                0.5856847031830464 + std * noise[0],
                -1.1370226153206429 + std * noise[1],
                2.239698439595836 + std * noise[2]);
    }

    @Test
    void addNoiseMixesBySqrtAlphaCumprod() {
        DdimScheduler scheduler = ddim(10, TimestepSpacing.LEADING, 0, PredictionType.EPSILON);
        double alphaProd = SD.alphaCumprod(501);

        float[] noisy;
        try (NDManager step = manager.newSubManager()) {
            noisy = scheduler.addNoise(step.create(new float[] {1f}), step.create(new float[] {2f}), 4).toFloatArray();
        }

        assertThat((double) noisy[0]).isCloseTo(Math.sqrt(alphaProd) + 2 * Math.sqrt(1 - alphaProd), within(1e-6));
    }

    private static float[] stepAt(Scheduler scheduler, int stepIndex) {
        try (NDManager step = manager.newSubManager()) {
            NDArray sample = step.create(new float[] {0.5f, -1.0f, 2.0f});
            NDArray output = step.create(new float[] {0.1f, -0.3f, 0.7f});
            return scheduler.step(output, stepIndex, sample, new NoiseSource(0)).toFloatArray();
        }
    }

    static void assertClose(float[] actual, double... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element %d", i)
                    .isCloseTo(expected[i], within(1e-5 * Math.max(1, Math.abs(expected[i]))));
        }
    }
}
