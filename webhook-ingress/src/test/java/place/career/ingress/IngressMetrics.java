package place.career.ingress;

import static io.restassured.RestAssured.given;

/** Reads the delivery counter from the Prometheus endpoint. */
public final class IngressMetrics {

    private IngressMetrics() {}

    /** Returns the sum of {@code ingress_webhook_deliveries_total} over all series with the tag. */
    public static double deliveries(String tag, String value) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        String needle = tag + "=\"" + value + "\"";
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("ingress_webhook_deliveries_total{") && line.contains(needle)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Returns the count of rejections with the given reason slug. */
    public static double rejections(String reason) {
        return deliveries("reason", reason);
    }
}
