package dev.vipoutpaint.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.vipoutpaint.api.CloudEventHeaders;
import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.ModelRef;
import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.api.OutpaintFailed;
import dev.vipoutpaint.api.OutpaintProgress;
import dev.vipoutpaint.api.OutpaintPrompted;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.ResultImage;
import dev.vipoutpaint.api.SamplingOptions;
import dev.vipoutpaint.api.Stage;
import dev.vipoutpaint.api.UsedPrompts;
import dev.vipoutpaint.storage.ObjectStore;
import dev.vipoutpaint.testsupport.EventSchemas;
import dev.vipoutpaint.testsupport.EventProducer;
import dev.vipoutpaint.testsupport.KafkaAndS3Resource;
import dev.vipoutpaint.testsupport.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The REST gateway alone (role {@code gateway}) against the in-process broker and S3Mock. The
 * test writes the captioner's and worker's events itself, so every status the gateway shows
 * comes from real records on real topics.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndS3Resource.class,
        initArgs = @ResourceArg(name = "vip.roles", value = "gateway"))
class GatewayApiTest {

    private static final Path PHOTO = Path.of("samples", "dune.jpg");
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "vip.storage.minio.endpoint")
    String s3Endpoint;

    @Inject
    ObjectStore store;

    @TestHTTPResource("/")
    URL baseUrl;


    @Test
    void uploadStoresImageAndPublishesRequest() throws IOException {
        byte[] photo = Files.readAllBytes(PHOTO);

        Response response = given()
                .multiPart("image", "dune.jpg", photo, "image/jpeg")
                .multiPart("options", "{\"jobId\":\"upload-1\",\"canvas\":{\"left\":0.5,\"right\":0.5},"
                        + "\"sampling\":{\"steps\":4,\"seed\":7}}", "application/json")
                .post("/v1/outpaint");

        response.then().statusCode(202)
                .header("Location", endsWith("/v1/jobs/upload-1"))
                .body("jobId", equalTo("upload-1"))
                .body("status", equalTo("queued"))
                .body("source", equalTo("s3://vip-test/inputs/upload-1/source.jpg"))
                .body("statusUrl", endsWith("/v1/jobs/upload-1"))
                .body("eventsUrl", endsWith("/v1/jobs/upload-1/events"))
                .body("resultUrl", endsWith("/v1/jobs/upload-1/result"));
        assertThat(store.get("inputs/upload-1/source.jpg")).as("stored upload").hasValue(photo);

        ConsumerRecord<String, byte[]> record = requestedRecord("upload-1");
        EventSchemas.assertValid(EventType.REQUESTED, record.value());
        OutpaintRequested request = EventCodec.fromJson(record.value(), OutpaintRequested.class);
        assertThat(CloudEventHeaders.fromKafkaHeaders(record.headers()).type())
                .isEqualTo("dev.vipoutpaint.outpaint.requested.v1");
        assertThat(request.source()).isEqualTo("s3://vip-test/inputs/upload-1/source.jpg");
        assertThat(request.canvas().left()).isEqualTo(0.5);
        assertThat(request.canvas().right()).isEqualTo(0.5);
        assertThat(request.sampling().steps()).isEqualTo(4);
        assertThat(request.sampling().seed()).isEqualTo(7L);

        given().get("/v1/jobs/upload-1").then().statusCode(200).body("status", equalTo("queued"));
    }

    @Test
    void uploadWithoutJobIdGetsUuid() throws IOException {
        Response response = given()
                .multiPart("image", "dune.jpg", Files.readAllBytes(PHOTO), "image/jpeg")
                .post("/v1/outpaint");

        response.then().statusCode(202);
        String jobId = response.path("jobId");
        assertThat(jobId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(store.exists("inputs/" + jobId + "/source.jpg")).isTrue();
    }

    @Test
    void referencePublishesRequest() throws IOException {
        store.put("external/photo-2.jpg", Files.readAllBytes(PHOTO), "image/jpeg");

        given().contentType(ContentType.JSON)
                .body("{\"jobId\":\"reference-2\",\"source\":\"s3://vip-test/external/photo-2.jpg\","
                        + "\"prompt\":{\"center\":\"dune grass\",\"centerMode\":\"replace\"}}")
                .post("/v1/outpaint")
                .then().statusCode(202)
                .body("jobId", equalTo("reference-2"))
                .body("source", equalTo("s3://vip-test/external/photo-2.jpg"));

        byte[] value = requestedRecord("reference-2").value();
        EventSchemas.assertValid(EventType.REQUESTED, value);
        OutpaintRequested request = EventCodec.fromJson(value, OutpaintRequested.class);
        assertThat(request.prompt().center()).isEqualTo("dune grass");
        assertThat(request.prompt().centerMode().wireName()).isEqualTo("replace");
    }

    @Test
    void referenceToMissingObjectIs400() {
        given().contentType(ContentType.JSON)
                .body("{\"jobId\":\"missing-3\",\"source\":\"s3://vip-test/external/none.jpg\"}")
                .post("/v1/outpaint")
                .then().statusCode(400)
                .body("code", equalTo("NOT_FOUND"))
                .body("field", equalTo("source"))
                .body("value", equalTo("s3://vip-test/external/none.jpg"));
    }

    @Test
    void referenceToOtherBucketIs400() {
        given().contentType(ContentType.JSON)
                .body("{\"source\":\"s3://elsewhere/photo.jpg\"}")
                .post("/v1/outpaint")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("field", equalTo("source"))
                .body("message", containsString("s3://elsewhere/photo.jpg"));
    }

    @Test
    void stepsOutOfRangeNamesFieldValueRange() {
        store.put("external/photo-4.jpg", new byte[] {1}, "image/jpeg");

        given().contentType(ContentType.JSON)
                .body("{\"source\":\"s3://vip-test/external/photo-4.jpg\",\"sampling\":{\"steps\":400}}")
                .post("/v1/outpaint")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("field", equalTo("sampling.steps"))
                .body("value", equalTo("400"))
                .body("allowed", equalTo("1..150"))
                .body("message", equalTo("sampling.steps must be 1..150, got 400"));
    }

    @Test
    void unknownOptionIsRejected() throws IOException {
        given()
                .multiPart("image", "dune.jpg", Files.readAllBytes(PHOTO), "image/jpeg")
                .multiPart("options", "{\"sampling\":{\"stepz\":4}}", "application/json")
                .post("/v1/outpaint")
                .then().statusCode(400)
                .body("field", equalTo("sampling.stepz"))
                .body("message", containsString("steps"));
    }

    @Test
    void malformedJsonIsRejected() {
        given().contentType(ContentType.JSON)
                .body("{\"source\": ")
                .post("/v1/outpaint")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("field", equalTo("body"));
    }

    @Test
    void undecodableUploadIs400AndNotStored() {
        given()
                .multiPart("image", "photo.jpg", "this is not an image".getBytes(StandardCharsets.UTF_8), "image/jpeg")
                .multiPart("options", "{\"jobId\":\"garbage-5\"}", "application/json")
                .post("/v1/outpaint")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_IMAGE"))
                .body("field", equalTo("image"))
                .body("value", equalTo("20 bytes"));

        assertThat(store.exists("inputs/garbage-5/source.jpg")).as("rejected upload stored").isFalse();
        given().get("/v1/jobs/garbage-5").then().statusCode(404);
    }

    @Test
    void missingImagePartIs400() {
        given()
                .multiPart("options", "{\"jobId\":\"no-image-6\"}", "application/json")
                .post("/v1/outpaint")
                .then().statusCode(400)
                .body("field", equalTo("image"));
    }

    @Test
    void invalidJobIdIs400() {
        given().get("/v1/jobs/has space").then().statusCode(400).body("field", equalTo("jobId"));
    }

    @Test
    void unknownJobIs404() {
        given().get("/v1/jobs/never-submitted").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"))
                .body("value", equalTo("never-submitted"));
    }

    @Test
    void completedEventShowsPromptsAndResults() throws IOException {
        String jobId = "completed-7";
        submitReference(jobId);
        byte[] resultImage = Files.readAllBytes(PHOTO);
        store.put("results/" + jobId + "/image-0.png", resultImage, "image/png");

        EventProducer.send(bootstrapServers, "vip.outpaint.prompted", EventType.PROMPTED, jobId, prompted(jobId));
        EventProducer.send(bootstrapServers, "vip.outpaint.progress", EventType.PROGRESS, jobId, progress(jobId, 2, 4));
        EventProducer.send(bootstrapServers, "vip.outpaint.completed", EventType.COMPLETED, jobId, completed(jobId));

        await().atMost(EVENT_TIMEOUT).untilAsserted(() ->
                given().get("/v1/jobs/" + jobId).then().statusCode(200).body("status", equalTo("completed")));
        given().get("/v1/jobs/" + jobId).then()
                .body("prompts.total", equalTo("Center: sand dune; Surrounding: sea and sky"))
                .body("prompts.centerSource", equalTo("heuristic"))
                .body("width", equalTo(1200))
                .body("height", equalTo(500))
                .body("results[0].ref", equalTo("s3://vip-test/results/" + jobId + "/image-0.png"))
                .body("results[0].url", startsWith(s3Endpoint + "/vip-test/results/" + jobId + "/image-0.png?"))
                .body("resultUrl", endsWith("/v1/jobs/" + jobId + "/result"));

        byte[] served = given().get("/v1/jobs/" + jobId + "/result").then()
                .statusCode(200).contentType("image/png")
                .extract().asByteArray();
        assertThat(served).as("result served by the gateway").isEqualTo(resultImage);
    }

    @Test
    void progressAfterCompletionIsIgnored() {
        String jobId = "late-progress-8";
        submitReference(jobId);
        store.put("results/" + jobId + "/image-0.png", new byte[] {1, 2, 3}, "image/png");

        EventProducer.send(bootstrapServers, "vip.outpaint.completed", EventType.COMPLETED, jobId, completed(jobId));
        await().atMost(EVENT_TIMEOUT).untilAsserted(() ->
                given().get("/v1/jobs/" + jobId).then().body("status", equalTo("completed")));
        EventProducer.send(bootstrapServers, "vip.outpaint.progress", EventType.PROGRESS, jobId, progress(jobId, 3, 4));
        String marker = "marker-after-late-progress-8";
        submitReference(marker);
        EventProducer.send(bootstrapServers, "vip.outpaint.failed", EventType.FAILED, marker, failed(marker));
        await().atMost(EVENT_TIMEOUT).untilAsserted(() ->
                given().get("/v1/jobs/" + marker).then().body("status", equalTo("failed")));

        given().get("/v1/jobs/" + jobId).then().body("status", equalTo("completed")).body("percent", equalTo(100.0f));
    }

    @Test
    void failedEventShowsError() {
        String jobId = "failed-9";
        submitReference(jobId);

        EventProducer.send(bootstrapServers, "vip.outpaint.failed", EventType.FAILED, jobId, failed(jobId));

        await().atMost(EVENT_TIMEOUT).untilAsserted(() ->
                given().get("/v1/jobs/" + jobId).then().body("status", equalTo("failed")));
        given().get("/v1/jobs/" + jobId).then()
                .body("error.code", equalTo("INVALID_IMAGE"))
                .body("error.stage", equalTo("worker"))
                .body("error.retryable", equalTo(false));
        given().get("/v1/jobs/" + jobId + "/result").then().statusCode(409).body("code", equalTo("NOT_COMPLETED"));
    }

    @Test
    void manifestFindsJobAfterRestart() {
        // A job this gateway process never saw: only the worker's result.json records it.
        String jobId = "before-restart-10";
        store.put("results/" + jobId + "/image-0.png", new byte[] {9, 8, 7}, "image/png");
        store.put("results/" + jobId + "/result.json", EventCodec.toJson(completed(jobId)), "application/json");

        given().get("/v1/jobs/" + jobId).then().statusCode(200)
                .body("status", equalTo("completed"))
                .body("results[0].url", startsWith(s3Endpoint + "/vip-test/results/" + jobId + "/image-0.png?"));
        byte[] served = given().get("/v1/jobs/" + jobId + "/result").then().statusCode(200).extract().asByteArray();
        assertThat(served).isEqualTo(new byte[] {9, 8, 7});
    }

    @Test
    void eventStreamCarriesProgressUntilCompletion() throws Exception {
        String jobId = "stream-11";
        submitReference(jobId);
        store.put("results/" + jobId + "/image-0.png", new byte[] {1}, "image/png");
        List<String> lines = new CopyOnWriteArrayList<>();

        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "v1/jobs/" + jobId + "/events"))
                .header("Accept", "text/event-stream")
                .build();
        CompletableFuture<HttpResponse<Void>> stream = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new LineCollector(lines)));
        await().atMost(EVENT_TIMEOUT).until(() -> lines.contains("event:status"));

        EventProducer.send(bootstrapServers, "vip.outpaint.progress", EventType.PROGRESS, jobId, progress(jobId, 1, 4));
        EventProducer.send(bootstrapServers, "vip.outpaint.completed", EventType.COMPLETED, jobId, completed(jobId));

        HttpResponse<Void> response = stream.get(EVENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lines).as("event names in order").filteredOn(line -> line.startsWith("event:"))
                .containsExactly("event:status", "event:progress", "event:completed");
        assertThat(lines).as("data of the completed event")
                .anySatisfy(line -> assertThat(line).startsWith("data:").contains("\"status\":\"completed\""));
    }

    @Test
    void eventStreamOfFinishedJobEndsAtOnce() throws Exception {
        String jobId = "finished-12";
        store.put("results/" + jobId + "/image-0.png", new byte[] {1}, "image/png");
        store.put("results/" + jobId + "/result.json", EventCodec.toJson(completed(jobId)), "application/json");

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl + "v1/jobs/" + jobId + "/events"))
                        .timeout(EVENT_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("event:status").contains("\"status\":\"completed\"");
    }

    @Test
    void readinessCoversStorageAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("object-store"))
                .body("checks.find { it.name == 'object-store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'object-store' }.data.bucket", equalTo("vip-test"))
                .body("checks.name", hasItem(containsString("Messaging")));
    }

    @Test
    void metricsCountSubmissionsAndUploadSize() throws IOException {
        given().multiPart("image", "dune.jpg", Files.readAllBytes(PHOTO), "image/jpeg").post("/v1/outpaint")
                .then().statusCode(202);
        given().contentType(ContentType.JSON).body("{\"sampling\":{\"steps\":0}}").post("/v1/outpaint")
                .then().statusCode(400);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("vip_gateway_submissions_total{input=\"upload\",outcome=\"accepted\"}");
        assertThat(metrics).contains("vip_gateway_submissions_total{input=\"reference\",outcome=\"invalid_request\"}");
        assertThat(metrics).contains("vip_gateway_upload_size_bytes_count");
    }

    @Test
    void openApiDocumentsEndpoints() {
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();

        assertThat(document).contains("\"/v1/outpaint\"", "\"/v1/jobs/{id}\"", "\"/v1/jobs/{id}/events\"",
                "\"/v1/jobs/{id}/result\"", "\"ApiError\"", "\"JobStatus\"", "\"OutpaintSubmission\"");
    }

    private void submitReference(String jobId) {
        store.put("external/" + jobId + ".jpg", new byte[] {1}, "image/jpeg");
        given().contentType(ContentType.JSON)
                .body("{\"jobId\":\"" + jobId + "\",\"source\":\"s3://vip-test/external/" + jobId + ".jpg\"}")
                .post("/v1/outpaint")
                .then().statusCode(202);
    }

    private ConsumerRecord<String, byte[]> requestedRecord(String jobId) {
        List<ConsumerRecord<String, byte[]>> records =
                TopicReader.readJob(bootstrapServers, "vip.outpaint.requested", jobId, 1, EVENT_TIMEOUT);
        assertThat(records).as("requested events of " + jobId).hasSize(1);
        return records.get(0);
    }

    private static UsedPrompts prompts() {
        return new UsedPrompts("sand dune", "sea and sky", "Center: sand dune; Surrounding: sea and sky", "",
                "heuristic", "heuristic");
    }

    private static OutpaintPrompted prompted(String jobId) {
        return new OutpaintPrompted(jobId, null, prompts(), Map.of("caption", 5L), Instant.now());
    }

    private static OutpaintProgress progress(String jobId, int step, int totalSteps) {
        return new OutpaintProgress(jobId, Stage.WORKER, "denoising", 0, 1, step, totalSteps,
                100.0 * step / totalSteps, Instant.now());
    }

    private static OutpaintCompleted completed(String jobId) {
        ResultImage image = new ResultImage("s3://vip-test/results/" + jobId + "/image-0.png", null, 1200, 500, "image/png");
        return new OutpaintCompleted(jobId, List.of(image), "s3://vip-test/results/" + jobId + "/result.json",
                800, 500, 1200, 500, prompts(), new ModelRef("vip-tiny", "1"),
                new SamplingOptions("ddim", 4, 4.0, 7L, 1, 1.0), Map.of("worker", 100L), List.of(), Instant.now());
    }

    private static OutpaintFailed failed(String jobId) {
        return new OutpaintFailed(jobId, Stage.WORKER, ErrorCode.INVALID_IMAGE,
                "source is not a PNG, JPEG, GIF or BMP image", false, Instant.now());
    }
}
