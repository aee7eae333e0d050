package dev.vipoutpaint.diffusion;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counts the tensors in the run's manager after each step, because a per-step leak makes the count grow. */
class StepMemoryTest {

    @Test
    void ddimStepsFreeTheirTensors() {
        List<Integer> counts = arraysAfterEachStep(SamplerKind.DDIM);

        assertThat(counts).as("arrays held after each step").containsOnly(counts.get(0));
    }

    @Test
    void dpmSolverStepsFreeTheirTensors() {
        List<Integer> counts = arraysAfterEachStep(SamplerKind.DPMPP_2M);

        // From the second step on, the solver keeps exactly one earlier x0 prediction.
        assertThat(counts.subList(1, counts.size())).as("arrays held after each step").containsOnly(counts.get(1));
    }

    private static List<Integer> arraysAfterEachStep(SamplerKind sampler) {
        ModelBundle bundle = TestBundle.get();
        int size = 16;
        float[] image = new float[3 * size * size];
        float[] mask = new float[size * size];
        Arrays.fill(mask, 0, size * size / 2, 1f);
        GenerationRequest request = new GenerationRequest("job-memory", image, mask, size, size,
                new TextPrompts("sky", "water", "Center: sky; Surrounding: water", ""), sampler,
                new SchedulerSettings(8, TimestepSpacing.LEADING, 1, 0, PredictionType.EPSILON), 4.0, 1.0, 3, 1);
        List<Integer> counts = new ArrayList<>();

        new DiffusionPipeline(bundle).generate(request, new DenoiseListener() {
            @Override
            public void onStep(int imageIndex, int step, int totalSteps) {
            }

            @Override
            public void onLatents(int imageIndex, int step, NDArray latents) {
                counts.add(((BaseNDManager) latents.getManager()).getManagedArrays().size());
            }
        });

        assertThat(counts).hasSize(8);
        return counts;
    }
}
