package dev.vipoutpaint.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.vipoutpaint.testsupport.KafkaAndS3Resource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** A captioner-only process rejects gateway API requests with a 404 that names vip.roles. */
@QuarkusTest
@WithTestResource(value = KafkaAndS3Resource.class,
        initArgs = @ResourceArg(name = "vip.roles", value = "captioner"))
class GatewayRoleTest {

    @Test
    void submissionRejectedWithoutGatewayRole() {
        given().contentType(ContentType.JSON)
                .body("{\"source\":\"s3://vip-test/inputs/x.jpg\"}")
                .post("/v1/outpaint")
                .then().statusCode(404)
                .body("code", equalTo(GatewayRoleFilter.CODE))
                .body("field", equalTo("vip.roles"))
                .body("value", equalTo("captioner"));
    }

    @Test
    void statusRejectedWithoutGatewayRole() {
        given().get("/v1/jobs/any-job").then().statusCode(404).body("code", equalTo(GatewayRoleFilter.CODE));
    }

    @Test
    void healthStillServed() {
        given().get("/q/health/live").then().statusCode(200);
    }
}
