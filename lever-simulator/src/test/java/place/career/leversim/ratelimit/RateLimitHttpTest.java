package place.career.leversim.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static place.career.leversim.LeverFixtures.ACCOUNT;
import static place.career.leversim.LeverFixtures.OPPORTUNITY;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import place.career.leversim.LeverFixtures;
import place.career.leversim.LeverHttp;
import place.career.leversim.LeverSimulator;

class RateLimitHttpTest {

    private static final String PATH = "/v1/opportunities/" + OPPORTUNITY;

    private LeverSimulator simulator;
    private LeverHttp http;
    private String token;

    @BeforeEach
    void start() {
        simulator = LeverSimulator.start(0);
        http = new LeverHttp(simulator.baseUrl());
        LeverFixtures.seedAccount(simulator);
        token = LeverFixtures.integrationTokens(simulator).accessToken();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void tenPerSecondForThreeSecondsGetsNo429() throws Exception {
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(4);
        List<ScheduledFuture<Integer>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                calls.add(pacer.schedule(() -> http.get(PATH, token).statusCode(),
                        i * 100L, TimeUnit.MILLISECONDS));
            }
            for (ScheduledFuture<Integer> call : calls) {
                assertEquals(200, call.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pacer.shutdownNow();
        }

        assertEquals(0, simulator.rateLimitedCount());
    }

    @Test
    void burstOfThirtyGets429s() throws Exception {
        List<HttpResponse<String>> responses = burst(30);

        long ok = responses.stream().filter(response -> response.statusCode() == 200).count();
        List<HttpResponse<String>> limited = responses.stream()
                .filter(response -> response.statusCode() == 429).toList();
        assertTrue(ok >= 20, "accepted " + ok);
        assertTrue(limited.size() >= 5, "rejected " + limited.size());
        assertEquals(30, ok + limited.size());
        assertEquals("TooManyRequests", LeverHttp.json(limited.get(0)).get("code").asText());
        assertEquals(limited.size(), simulator.rateLimitedCount());
        assertEquals(limited.size(), simulator.rateLimitedCount(ACCOUNT));
    }

    @Test
    void disabledLimitServesBurst() throws Exception {
        simulator.setRateLimitEnabled(false);

        List<HttpResponse<String>> responses = burst(30);

        responses.forEach(response -> assertEquals(200, response.statusCode()));
        assertEquals(0, simulator.rateLimitedCount());
    }

    @Test
    void configuredLimitApplies() {
        simulator.setRateLimit(0.5, 3);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(http.get(PATH, token).statusCode());
        }

        assertEquals(List.of(200, 200, 200, 429), statuses);
    }

    private List<HttpResponse<String>> burst(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return http.get(PATH, token);
                }));
            }
            gate.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get(20, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
